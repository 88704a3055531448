// The chat page: conversation list, message pane and live updates over the hub at /hubs/chat.
// Text from users is only ever assigned with textContent, never parsed as HTML.
import { connectHub, hubErrorText } from './hub.js';

const root = document.getElementById('chat');
const me = { id: root.dataset.userId, name: root.dataset.userName };
const selectedId = root.dataset.conversationId || null;

const listEl = document.getElementById('conversation-list');
const emptyListEl = document.getElementById('empty-list');
const itemsEl = document.getElementById('message-items');
const messagesEl = document.getElementById('messages');
const olderButton = document.getElementById('load-older');
const seenEl = document.getElementById('seen-mark');
const statusEl = document.getElementById('pane-status');
const composer = document.getElementById('composer');
const input = document.getElementById('message-input');
const composerError = document.getElementById('composer-error');

/** @type {Map<string, any>} conversation summaries by id, as /api/conversations returns them */
const conversations = new Map();
/** @type {Map<number, HTMLElement>} rendered messages of the open conversation by id */
const rendered = new Map();
let oldestId = null;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function shortTime(iso) {
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString() ? timeFormat.format(d) : dayFormat.format(d);
}

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (res.status === 401) { location.href = '/login'; throw new Error('signed out'); }
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

// ---- conversation list -------------------------------------------------------------------

function renderList() {
  const sorted = [...conversations.values()].sort((a, b) => (b.lastActivityAt > a.lastActivityAt ? 1 : -1));
  listEl.replaceChildren(...sorted.map(renderListItem));
  emptyListEl.hidden = sorted.length > 0;
}

function renderListItem(c) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = `/chat/${c.id}`;
  a.dataset.testid = 'conversation-item';
  a.dataset.conversationId = c.id;
  if (c.id === selectedId) { a.classList.add('active'); a.setAttribute('aria-current', 'page'); }

  const avatar = document.createElement('span');
  avatar.className = 'avatar';
  avatar.textContent = (c.title || '?').slice(0, 1).toUpperCase();
  if (c.kind === 'Private' && c.others[0]?.online) avatar.classList.add('online');

  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = c.title;

  const time = document.createElement('span');
  time.className = 'time';
  time.textContent = c.lastMessage ? shortTime(c.lastMessage.sentAt) : '';

  const preview = document.createElement('span');
  preview.className = 'preview';
  if (c.lastMessage) {
    const who = c.lastMessage.senderId === me.id ? 'You: ' : (c.kind === 'Group' ? `${c.lastMessage.senderName}: ` : '');
    preview.textContent = who + c.lastMessage.text;
  } else {
    preview.textContent = c.kind === 'Group' ? `${c.others.length + 1} members` : 'No messages yet';
  }

  const badge = document.createElement('span');
  badge.className = 'unread';
  badge.dataset.testid = 'unread-count';
  badge.textContent = String(c.unreadCount);
  badge.hidden = c.unreadCount === 0;

  a.append(avatar, title, time, preview, badge);
  li.append(a);
  return li;
}

async function loadConversations() {
  const list = await getJson('/api/conversations');
  conversations.clear();
  for (const c of list) conversations.set(c.id, c);
  renderList();
  updatePaneStatus();
}

// ---- messages ------------------------------------------------------------------------------

function renderMessage(m) {
  const li = document.createElement('li');
  li.dataset.testid = 'message-item';
  li.dataset.messageId = String(m.id);
  if (m.kind === 'Call') {
    // The line a call leaves: centred, not a bubble from either person.
    li.className = 'message call-line';
    li.dataset.kind = 'call';
    const text = document.createElement('span');
    text.textContent = m.text;
    const time = document.createElement('time');
    time.dateTime = m.sentAt;
    time.textContent = shortTime(m.sentAt);
    li.append(text, time);
    return li;
  }
  li.className = 'message' + (m.senderId === me.id ? ' mine' : '');
  const selected = conversations.get(selectedId);
  if (selected?.kind === 'Group' && m.senderId !== me.id) {
    const sender = document.createElement('span');
    sender.className = 'sender';
    sender.textContent = m.senderName;
    li.append(sender);
  }
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  bubble.textContent = m.text;
  const time = document.createElement('time');
  time.dateTime = m.sentAt;
  time.textContent = shortTime(m.sentAt);
  li.append(bubble, time);
  return li;
}

function isNearBottom() {
  return messagesEl.scrollHeight - messagesEl.scrollTop - messagesEl.clientHeight < 80;
}

function appendMessages(list) {
  const stick = isNearBottom();
  for (const m of list) {
    if (rendered.has(m.id)) continue;
    const el = renderMessage(m);
    // Keep id order even when a live message and a reloaded page overlap.
    const next = [...rendered.keys()].filter((id) => id > m.id).sort((a, b) => a - b)[0];
    itemsEl.insertBefore(el, next === undefined ? null : rendered.get(next));
    rendered.set(m.id, el);
    if (oldestId === null || m.id < oldestId) oldestId = m.id;
  }
  if (stick) messagesEl.scrollTop = messagesEl.scrollHeight;
  updateSeen();
}

async function loadLatest() {
  const page = await getJson(`/api/conversations/${selectedId}/messages`);
  if (oldestId === null) olderButton.hidden = !page.hasMore;
  appendMessages(page.messages);
  messagesEl.scrollTop = messagesEl.scrollHeight;
  markLatestRead();
}

async function loadOlder() {
  olderButton.disabled = true;
  try {
    const page = await getJson(`/api/conversations/${selectedId}/messages?before=${oldestId}`);
    const before = messagesEl.scrollHeight;
    const keep = messagesEl.scrollTop;
    for (const m of [...page.messages].reverse()) {
      if (rendered.has(m.id)) continue;
      const el = renderMessage(m);
      itemsEl.prepend(el);
      rendered.set(m.id, el);
      oldestId = Math.min(oldestId ?? m.id, m.id);
    }
    messagesEl.scrollTop = keep + (messagesEl.scrollHeight - before);
    olderButton.hidden = !page.hasMore;
  } finally {
    olderButton.disabled = false;
  }
}

function latestMessageId() {
  let max = 0;
  for (const id of rendered.keys()) if (id > max) max = id;
  return max;
}

let lastMarked = 0;
function markLatestRead() {
  const latest = latestMessageId();
  if (!latest || latest <= lastMarked || document.visibilityState !== 'visible') return;
  lastMarked = latest;
  hub.invoke('MarkRead', selectedId, latest).catch(() => { lastMarked = 0; });
}

/** In a private conversation, "Seen" follows the last message when it is mine and the other member has read it. */
function updateSeen() {
  const c = conversations.get(selectedId);
  if (!seenEl || !c || c.kind !== 'Private' || !c.others[0]) return;
  const latest = latestMessageId();
  const mine = latest && rendered.get(latest).classList.contains('mine');
  seenEl.hidden = !(mine && c.others[0].lastReadMessageId >= latest);
}

function updatePaneStatus() {
  const c = conversations.get(selectedId);
  if (!statusEl || !c || c.kind !== 'Private' || !c.others[0]) return;
  const online = c.others[0].online;
  statusEl.textContent = online ? 'online' : 'offline';
  statusEl.classList.toggle('online', online);
}

// ---- live events ---------------------------------------------------------------------------

function onMessageReceived(m) {
  const c = conversations.get(m.conversationId);
  if (!c) { loadConversations(); return; }
  c.lastMessage = m;
  c.lastActivityAt = m.sentAt;
  const open = m.conversationId === selectedId;
  if (m.senderId !== me.id && !(open && document.visibilityState === 'visible')) c.unreadCount += 1;
  renderList();
  if (open) {
    appendMessages([m]);
    if (m.senderId !== me.id) markLatestRead();
  }
}

function onPresenceChanged(p) {
  for (const c of conversations.values()) {
    for (const o of c.others) if (o.userId === p.userId) o.online = p.online;
  }
  renderList();
  updatePaneStatus();
}

function onReadMarked(mark) {
  const c = conversations.get(mark.conversationId);
  if (!c) return;
  if (mark.userId === me.id) {
    // Another of my tabs (or this one) read up to here.
    if (!c.lastMessage || mark.messageId >= c.lastMessage.id) c.unreadCount = 0;
    else loadConversations();
    renderList();
  } else {
    for (const o of c.others) if (o.userId === mark.userId) o.lastReadMessageId = Math.max(o.lastReadMessageId, mark.messageId);
    if (mark.conversationId === selectedId) updateSeen();
  }
}

// ---- people search -------------------------------------------------------------------------

const searchInput = document.getElementById('user-search');
const resultsEl = document.getElementById('user-results');
let searchTimer;
searchInput.addEventListener('input', () => {
  clearTimeout(searchTimer);
  const q = searchInput.value.trim();
  if (!q) { resultsEl.hidden = true; return; }
  searchTimer = setTimeout(async () => {
    const hits = await getJson(`/api/users?q=${encodeURIComponent(q)}`);
    if (searchInput.value.trim() !== q) return;
    resultsEl.replaceChildren(...(hits.length ? hits.map((u) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `/chat/with/${encodeURIComponent(u.userName)}`;
      a.dataset.testid = 'user-result';
      const avatar = document.createElement('span');
      avatar.className = 'avatar' + (u.online ? ' online' : '');
      avatar.textContent = u.userName.slice(0, 1).toUpperCase();
      const name = document.createElement('span');
      name.textContent = u.userName;
      a.append(avatar, name);
      li.append(a);
      return li;
    }) : [Object.assign(document.createElement('li'), { className: 'none', textContent: 'Nobody by that name' })]));
    resultsEl.hidden = false;
  }, 200);
});
searchInput.addEventListener('keydown', (e) => { if (e.key === 'Escape') { searchInput.value = ''; resultsEl.hidden = true; } });

// ---- sending -------------------------------------------------------------------------------

function showComposerError(text) {
  composerError.textContent = text;
  composerError.hidden = !text;
}

async function send() {
  const text = input.value;
  if (!text.trim()) return;
  showComposerError('');
  try {
    const m = await hub.invoke('SendMessage', selectedId, text);
    input.value = '';
    autosize();
    appendMessages([m]);
  } catch (e) {
    showComposerError(hubErrorText(e));
  }
}

function autosize() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 128)}px`;
}

// ---- start ---------------------------------------------------------------------------------

const hub = connectHub({
  messageReceived: onMessageReceived,
  presenceChanged: onPresenceChanged,
  readMarked: onReadMarked,
  conversationAdded: () => loadConversations(),
}, async () => {
  // After a reconnect, fetch what arrived while we were away.
  await loadConversations();
  if (selectedId) await loadLatest();
});

if (composer) {
  composer.addEventListener('submit', (e) => { e.preventDefault(); send(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
  });
  input.addEventListener('input', autosize);
  olderButton.addEventListener('click', loadOlder);
  document.addEventListener('visibilitychange', markLatestRead);
}

await loadConversations();
if (selectedId) {
  await loadLatest();
  input.focus();
}
await hub.started;
root.dataset.ready = 'true';
