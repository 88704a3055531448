using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

/// <summary>
/// RFC 6347 §4.1.2.7: invalid records are silently discarded. Anyone who can spoof the peer's
/// address can send them, so none may end an established association or make us send an alert.
/// </summary>
public sealed class DtlsInvalidRecordTests
{
    public static TheoryData<string, string> InvalidRecords => new()
    {
        // type 20 (change_cipher_spec), DTLS 1.2, epoch 1, sequence 4, length 1, body 01: found by the relay fuzz test.
        { "epoch-1 record of one byte", "14FEFD0001000000000004000101" },
        // type 21 (alert), epoch 1, length 16: room for a GCM tag but not its 8-byte explicit nonce.
        { "epoch-1 record shorter than nonce and tag", "15FEFD000100000000000900100000000000000000000000000000000000" },
        // The same short record behind a plaintext change_cipher_spec in one datagram.
        { "short record second in its datagram", "14FEFD0000000000000004000101" + "14FEFD0001000000000004000101" },
        // type 23 (application data), epoch 1, length 0.
        { "empty epoch-1 record", "17FEFD00010000000000050000" },
        // type 21, epoch 1, 40 bytes of garbage: long enough, but the tag does not verify.
        { "epoch-1 record with a bad tag", "15FEFD00010000000000070028" + new string('A', 80) },
        // type 22, epoch 0: a stray plaintext handshake fragment after the handshake.
        { "epoch-0 handshake garbage", "16FEFD00000000000000090004" + "01020304" },
        // type 99: not a content type at all.
        { "unknown content type", "63FEFD00010000000000080004" + "01020304" },
    };

    [Theory]
    [MemberData(nameof(InvalidRecords))]
    public async Task An_invalid_record_after_the_handshake_is_discarded(string what, string hex)
    {
        using var pair = new DtlsTestPair();
        await pair.CompleteAsync();

        pair.Server.Deliver(Convert.FromHexString(hex));

        // Absence cannot be awaited: give a wrongly fatal record time to end the server (and make it send an alert).
        await Task.WhenAny(pair.Server.Closed, Task.Delay(300));
        Assert.False(pair.Server.Closed.IsCompleted, $"{what} ended the association");

        // The genuine peer's close_notify is still heard: the association lived on.
        pair.Client.Close();
        await pair.Server.Closed.WaitAsync(DtlsTestPair.Bound);
    }
}
