using System.Text;
using Relay.Media.Sdp;

namespace Relay.Media.Tests.Sdp;

/// <summary>
/// Seeded mutations of the Chromium offer: parsing and answering never throw, a failure always
/// carries an error, and whatever parses writes back to text that parses to the same text.
/// </summary>
public class SdpFuzzTests
{
    private const int Iterations = 3000;

    private static readonly string[] Lines = SdpFixtures.ChromiumOffer.TrimEnd('\r', '\n').Split("\r\n");

    private static readonly string[] Tokens =
    [
        " ", ":", "/", "=", ";", "*", "0", "-1", "65536", "4294967296", "99999999999999999999999",
        "typ", "raddr", "rport", "tcptype", "apt=", "\t", "\r", "\0", "é", "\uFFFF", "a=", "m=", "  ",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Mutated_lines_never_throw(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            Check(MutateLines(random), $"seed {seed}, iteration {i}");
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Mutated_characters_never_throw(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var text = new StringBuilder(SdpFixtures.ChromiumOffer);
            var edits = random.Next(1, 8);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text[at] = (char)random.Next(0, 256); break;
                    case 1: text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at)); break;
                    default: text.Insert(at, Tokens[random.Next(Tokens.Length)]); break;
                }
            }

            Check(text.ToString(), $"seed {seed}, iteration {i}");
        }
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(99);
        var bytes = new byte[512];
        for (var i = 0; i < Iterations; i++)
        {
            random.NextBytes(bytes);
            Check("v=0\r\n" + Encoding.Latin1.GetString(bytes, 0, random.Next(bytes.Length)), $"iteration {i}");
        }
    }

    [Fact]
    public void Random_candidate_values_never_throw()
    {
        var random = new Random(7);
        const string valid = "842163049 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 192.168.1.10 rport 54321 tcptype so generation 0";
        for (var i = 0; i < Iterations; i++)
        {
            var parts = valid.Split(' ');
            parts[random.Next(parts.Length)] = Tokens[random.Next(Tokens.Length)];
            var value = string.Join(' ', parts.Take(random.Next(1, parts.Length + 1)));
            if (IceCandidate.TryParse(value, out var candidate, out var error))
            {
                Assert.True(IceCandidate.TryParse(candidate!.ToString(), out var again, out _), value);
                Assert.Equal(candidate, again);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error), value);
            }
        }
    }

    private static string MutateLines(Random random)
    {
        var lines = new List<string>(Lines);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(3, lines.Count);
            switch (random.Next(5))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[random.Next(lines.Count)]);
                    break;
                case 2:
                    (lines[at], lines[3]) = (lines[3], lines[at]);
                    break;
                case 3:
                    lines[at] = lines[at][..random.Next(lines[at].Length + 1)];
                    break;
                default:
                    var cut = random.Next(lines[at].Length + 1);
                    lines[at] = lines[at][..cut] + Tokens[random.Next(Tokens.Length)] + lines[at][cut..];
                    break;
            }
        }

        return string.Join(random.Next(2) == 0 ? "\r\n" : "\n", lines) + "\r\n";
    }

    private static void Check(string sdp, string context)
    {
        if (!SessionDescription.TryParse(sdp, out var description, out var error))
        {
            Assert.False(string.IsNullOrWhiteSpace(error), context);
            return;
        }

        var written = description!.ToString();
        Assert.True(SessionDescription.TryParse(written, out var reparsed, out error), $"{context}: {error}");
        Assert.Equal(written, reparsed!.ToString());

        if (SdpAnswerer.TryCreateAnswer(description, SdpAnswererTests.Local(), out var session, out error))
        {
            var answer = session!.Answer.ToString();
            Assert.True(SessionDescription.TryParse(answer, out _, out error), $"{context}: answer does not parse: {error}");
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(error), context);
        }
    }
}
