using System.Security.Cryptography;
using System.Text;
using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

public class StunLongTermCredentialTests
{
    [Fact]
    public void Key_is_md5_of_username_realm_password_joined_by_colons()
    {
        var key = new byte[StunLongTermCredential.KeyLength];
        StunLongTermCredential.DeriveKey("user"u8, "realm"u8, "pass"u8, key);

#pragma warning disable CA5351 // The reference the protocol defines.
        Assert.Equal(MD5.HashData("user:realm:pass"u8), key);
#pragma warning restore CA5351
    }

    [Fact]
    public void Rfc5769_long_term_key_fails_with_the_unprepared_password()
    {
        var key = new byte[StunLongTermCredential.KeyLength];
        StunLongTermCredential.DeriveKey(
            Encoding.UTF8.GetBytes(Rfc5769.LongTermUsername),
            Encoding.UTF8.GetBytes(Rfc5769.LongTermRealm),
            Encoding.UTF8.GetBytes("The\u00ADM\u00AAtr\u2168"),
            key);

        Assert.True(StunMessage.TryParse(Rfc5769.SampleLongTermRequest, out var message));
        Assert.False(message.VerifyMessageIntegrity(key));
        Assert.True(message.VerifyMessageIntegrity(Rfc5769.LongTermKey()));
    }
}
