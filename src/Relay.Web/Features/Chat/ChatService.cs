using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Relay.Data;
using Relay.Data.Entities;

namespace Relay.Web.Features.Chat;

/// <summary>
/// The chat rules: who may read and write where, and who hears about it. The hub, the JSON API
/// and the pages all go through here, so every entry point checks membership the same way.
/// Scoped: one per hub invocation or HTTP request.
/// </summary>
public sealed class ChatService(
    RelayDbContext db,
    IHubContext<ChatHub, IChatClient> hub,
    PresenceTracker presence,
    MessageRateLimiter rateLimiter,
    IOptions<ChatOptions> options,
    TimeProvider clock)
{
    private readonly ChatOptions _options = options.Value;

    public async Task<MessageDto> SendAsync(string userId, string? conversationId, string? text, CancellationToken ct = default)
    {
        if (!rateLimiter.TryAcquire(userId))
        {
            throw new ChatRuleException("You are sending messages too fast. Wait a moment and try again.");
        }

        if (MessageText.Validate(text, _options.MaxMessageLength, out var body) is { } problem)
        {
            throw new ChatRuleException(problem);
        }

        var conversation = await RequireMembershipAsync(userId, conversationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new Message { ConversationId = conversation.Id, SenderId = userId, Text = body, SentAt = now };
        db.Messages.Add(message);
        conversation.LastActivityAt = now;
        await db.SaveChangesAsync(ct);

        var senderName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).SingleAsync(ct) ?? "";
        var dto = new MessageDto(message.Id, conversation.Id, userId, senderName, body, now);
        var memberIds = await MemberIdsAsync(conversation.Id, ct);
        await hub.Clients.Users(memberIds).messageReceived(dto);
        return dto;
    }

    public async Task<ReadMarkDto> MarkReadAsync(string userId, string? conversationId, long messageId, CancellationToken ct = default)
    {
        var conversation = await RequireMembershipAsync(userId, conversationId, ct);
        var exists = await db.Messages.AnyAsync(m => m.Id == messageId && m.ConversationId == conversation.Id, ct);
        if (!exists)
        {
            throw new ChatRuleException("That message is not in this conversation.");
        }

        // Read marks only move forward: a late mark from an old tab must not resurrect unread messages.
        await db.ConversationMembers
            .Where(m => m.ConversationId == conversation.Id && m.UserId == userId && m.LastReadMessageId < messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadMessageId, messageId), ct);
        var current = await db.ConversationMembers
            .Where(m => m.ConversationId == conversation.Id && m.UserId == userId)
            .Select(m => m.LastReadMessageId)
            .SingleAsync(ct);

        var mark = new ReadMarkDto(conversation.Id, userId, current);
        await hub.Clients.Users(await MemberIdsAsync(conversation.Id, ct)).readMarked(mark);
        return mark;
    }

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string userId, CancellationToken ct = default)
    {
        var rows = await db.ConversationMembers
            .Where(m => m.UserId == userId)
            .OrderByDescending(m => m.Conversation.LastActivityAt)
            .Select(m => new
            {
                m.Conversation.Id,
                m.Conversation.Kind,
                m.Conversation.Title,
                m.Conversation.LastActivityAt,
                Last = m.Conversation.Messages
                    .OrderByDescending(x => x.Id)
                    .Select(x => new { x.Id, x.SenderId, SenderName = x.Sender.UserName, x.Text, x.SentAt, x.Kind })
                    .FirstOrDefault(),
                Unread = m.Conversation.Messages.Count(x => x.Id > m.LastReadMessageId && x.SenderId != userId),
                Others = m.Conversation.Members
                    .Where(o => o.UserId != userId)
                    .Select(o => new { o.UserId, o.User.UserName, o.LastReadMessageId })
                    .ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);

        var result = new List<ConversationSummary>(rows.Count);
        foreach (var row in rows)
        {
            var others = new List<MemberDto>(row.Others.Count);
            foreach (var o in row.Others)
            {
                others.Add(new MemberDto(o.UserId, o.UserName ?? "", presence.IsOnline(o.UserId), o.LastReadMessageId));
            }

            var last = row.Last is null ? null : new MessageDto(row.Last.Id, row.Id, row.Last.SenderId, row.Last.SenderName ?? "", row.Last.Text, row.Last.SentAt, row.Last.Kind);
            result.Add(new ConversationSummary(row.Id, row.Kind, TitleFor(row.Kind, row.Title, others), row.LastActivityAt, last, row.Unread, others));
        }

        return result;
    }

    /// <summary>The conversation as its member sees it, or null when it does not exist or they are not a member.</summary>
    public async Task<ConversationSummary?> FindAsync(string userId, Guid conversationId, CancellationToken ct = default)
    {
        var all = await ListAsync(userId, ct);
        foreach (var c in all)
        {
            if (c.Id == conversationId)
            {
                return c;
            }
        }

        return null;
    }

    public async Task<MessagePage> HistoryAsync(string userId, string? conversationId, long? before, int? take, CancellationToken ct = default)
    {
        var conversation = await RequireMembershipAsync(userId, conversationId, ct);
        var size = Math.Clamp(take ?? _options.HistoryPageSize, 1, _options.HistoryPageSize);
        var query = db.Messages.Where(m => m.ConversationId == conversation.Id);
        if (before is { } beforeId)
        {
            query = query.Where(m => m.Id < beforeId);
        }

        // One extra row tells whether an older page exists without a second query.
        var newestFirst = await query
            .OrderByDescending(m => m.Id)
            .Take(size + 1)
            .Select(m => new MessageDto(m.Id, m.ConversationId, m.SenderId, m.Sender.UserName ?? "", m.Text, m.SentAt, m.Kind))
            .ToListAsync(ct);
        var hasMore = newestFirst.Count > size;
        if (hasMore)
        {
            newestFirst.RemoveAt(newestFirst.Count - 1);
        }

        newestFirst.Reverse();
        return new MessagePage(newestFirst, hasMore);
    }

    /// <summary>Finds or creates the private conversation between the user and <paramref name="otherUserName"/>.</summary>
    public async Task<Guid> OpenPrivateAsync(string userId, string otherUserName, CancellationToken ct = default)
    {
        var normalizedName = otherUserName.ToUpperInvariant();
        var other = await db.Users.Where(u => u.NormalizedUserName == normalizedName).Select(u => u.Id).SingleOrDefaultAsync(ct)
            ?? throw new ChatRuleException($"There is no user called {otherUserName}.");
        if (other == userId)
        {
            throw new ChatRuleException("You cannot open a private conversation with yourself.");
        }

        var key = Conversation.PrivateKeyFor(userId, other);
        if (await db.Conversations.Where(c => c.PrivateKey == key).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct) is { } existing)
        {
            return existing;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var conversation = new Conversation { Id = Guid.CreateVersion7(), Kind = ConversationKind.Private, PrivateKey = key, CreatedAt = now, LastActivityAt = now };
        conversation.Members.Add(new ConversationMember { UserId = userId, JoinedAt = now });
        conversation.Members.Add(new ConversationMember { UserId = other, JoinedAt = now });
        db.Conversations.Add(conversation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another tab created it first; the unique private key guarantees there is exactly one.
            db.ChangeTracker.Clear();
            return await db.Conversations.Where(c => c.PrivateKey == key).Select(c => c.Id).SingleAsync(ct);
        }

        return conversation.Id;
    }

    public async Task<Guid> CreateGroupAsync(string userId, string? title, IReadOnlyCollection<string> memberUserNames, CancellationToken ct = default)
    {
        var name = title?.Trim() ?? "";
        if (name.Length == 0 || name.Length > DataLimits.ConversationTitleLength)
        {
            throw new ChatRuleException($"A group needs a name of 1 to {DataLimits.ConversationTitleLength} characters.");
        }

        var ids = await ResolveUserIdsAsync(memberUserNames, ct);
        ids.Add(userId);
        if (ids.Count < 2)
        {
            throw new ChatRuleException("Add at least one other member to the group.");
        }

        if (ids.Count > _options.MaxGroupMembers)
        {
            throw new ChatRuleException($"A group can have at most {_options.MaxGroupMembers} members.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var conversation = new Conversation { Id = Guid.CreateVersion7(), Kind = ConversationKind.Group, Title = name, CreatedAt = now, LastActivityAt = now };
        foreach (var id in ids)
        {
            conversation.Members.Add(new ConversationMember { UserId = id, JoinedAt = now });
        }

        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        await hub.Clients.Users(ids).conversationAdded(conversation.Id);
        return conversation.Id;
    }

    /// <summary>Adds people to a group the caller belongs to; those already in it are left as they are.</summary>
    public async Task<int> AddMembersAsync(string userId, Guid conversationId, IReadOnlyCollection<string> memberUserNames, CancellationToken ct = default)
    {
        var conversation = await RequireMembershipAsync(userId, conversationId, ct);
        if (conversation.Kind != ConversationKind.Group)
        {
            throw new ChatRuleException("People can be added to groups only; start a group to talk with more people.");
        }

        var wanted = await ResolveUserIdsAsync(memberUserNames, ct);
        var existing = await MemberIdsAsync(conversation.Id, ct);
        wanted.ExceptWith(existing);
        if (existing.Count + wanted.Count > _options.MaxGroupMembers)
        {
            throw new ChatRuleException($"A group can have at most {_options.MaxGroupMembers} members.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in wanted)
        {
            db.ConversationMembers.Add(new ConversationMember { ConversationId = conversation.Id, UserId = id, JoinedAt = now });
        }

        await db.SaveChangesAsync(ct);
        if (wanted.Count > 0)
        {
            await hub.Clients.Users(wanted).conversationAdded(conversation.Id);
        }

        return wanted.Count;
    }

    public async Task<IReadOnlyList<UserHit>> SearchUsersAsync(string userId, string? query, CancellationToken ct = default)
    {
        var q = (query ?? "").Trim().ToUpperInvariant();
        if (q.Length == 0)
        {
            return [];
        }

        var rows = await db.Users
            .Where(u => u.Id != userId && u.NormalizedUserName!.Contains(q))
            .OrderBy(u => u.NormalizedUserName)
            .Take(20)
            .Select(u => new { u.Id, u.UserName })
            .ToListAsync(ct);
        var hits = new List<UserHit>(rows.Count);
        foreach (var r in rows)
        {
            hits.Add(new UserHit(r.Id, r.UserName ?? "", presence.IsOnline(r.Id)));
        }

        return hits;
    }

    /// <summary>Everyone who shares a conversation with the user: the people who see their presence.</summary>
    public async Task<IReadOnlyList<string>> ContactIdsAsync(string userId, CancellationToken ct = default) =>
        await db.ConversationMembers
            .Where(m => m.UserId != userId && db.ConversationMembers.Any(mine => mine.UserId == userId && mine.ConversationId == m.ConversationId))
            .Select(m => m.UserId)
            .Distinct()
            .ToListAsync(ct);

    private async Task<Conversation> RequireMembershipAsync(string userId, string? conversationId, CancellationToken ct)
    {
        // Unknown, malformed and forbidden ids get the same answer, so ids cannot be probed.
        return Guid.TryParse(conversationId, out var id)
            ? await RequireMembershipAsync(userId, id, ct)
            : throw new ChatRuleException(ChatRuleException.NotAMember);
    }

    private async Task<Conversation> RequireMembershipAsync(string userId, Guid conversationId, CancellationToken ct) =>
        await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId && c.Members.Any(m => m.UserId == userId), ct)
            ?? throw new ChatRuleException(ChatRuleException.NotAMember);

    /// <summary>The ids of the named users; names that match nobody are reported together.</summary>
    private async Task<HashSet<string>> ResolveUserIdsAsync(IReadOnlyCollection<string> userNames, CancellationToken ct)
    {
        var normalized = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in userNames)
        {
            if (!string.IsNullOrWhiteSpace(n))
            {
                normalized.Add(n.Trim().ToUpperInvariant());
            }
        }

        var users = await db.Users.Where(u => normalized.Contains(u.NormalizedUserName!)).Select(u => new { u.Id, u.NormalizedUserName }).ToListAsync(ct);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in users)
        {
            ids.Add(u.Id);
            normalized.Remove(u.NormalizedUserName!);
        }

        if (normalized.Count > 0)
        {
            throw new ChatRuleException($"No such user: {string.Join(", ", normalized).ToLowerInvariant()}.");
        }

        return ids;
    }

    private async Task<List<string>> MemberIdsAsync(Guid conversationId, CancellationToken ct) =>
        await db.ConversationMembers.Where(m => m.ConversationId == conversationId).Select(m => m.UserId).ToListAsync(ct);

    private static string TitleFor(ConversationKind kind, string? title, List<MemberDto> others)
    {
        if (kind == ConversationKind.Group)
        {
            return title ?? "Group";
        }

        return others.Count > 0 ? others[0].UserName : "(nobody)";
    }
}
