using System.Text;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Mqtt.Tests.Config;

public class PasswordHasherTests
{
    const int Fast = PasswordHasher.MinimumIterations;

    [Fact]
    public void RoundTrip_ThroughTheStoredForm()
    {
        var hash = PasswordHasher.Hash("robot-pass", Fast);
        string stored = hash.ToString();
        Assert.Matches(@"^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$", stored);
        Assert.True(PasswordHasher.TryParse(stored, out var parsed, out _));
        Assert.True(PasswordHasher.Verify("robot-pass", parsed!));
        Assert.True(PasswordHasher.Verify(Encoding.UTF8.GetBytes("robot-pass"), parsed!));
    }

    [Fact]
    public void DefaultIterations_AreAtLeast100k() =>
        Assert.Matches(@"^pbkdf2-sha256\$210000\$", PasswordHasher.Hash("x").ToString());

    [Fact]
    public void WrongPassword_IsRefused()
    {
        var hash = PasswordHasher.Hash("robot-pass", Fast);
        Assert.False(PasswordHasher.Verify("robot-pasS", hash));
        Assert.False(PasswordHasher.Verify("", hash));
    }

    [Fact]
    public void SamePassword_GetsDifferentSalts()
    {
        Assert.NotEqual(PasswordHasher.Hash("same", Fast).ToString(), PasswordHasher.Hash("same", Fast).ToString());
    }

    [Fact]
    public void TamperedHashSaltOrIterations_FailVerification()
    {
        string[] parts = PasswordHasher.Hash("robot-pass", Fast).ToString().Split('$');
        static string Flip(string b64)
        {
            byte[] bytes = Convert.FromBase64String(b64);
            bytes[0] ^= 1;
            return Convert.ToBase64String(bytes);
        }
        string[] tampered =
        [
            $"{parts[0]}${parts[1]}${parts[2]}${Flip(parts[3])}",
            $"{parts[0]}${parts[1]}${Flip(parts[2])}${parts[3]}",
            $"{parts[0]}$100001${parts[2]}${parts[3]}",
        ];
        foreach (string t in tampered)
        {
            Assert.True(PasswordHasher.TryParse(t, out var hash, out _), t);
            Assert.False(PasswordHasher.Verify("robot-pass", hash!), t);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("plaintext")]
    [InlineData("sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]      // too few iterations
    [InlineData("pbkdf2-sha256$99999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]  // too many
    [InlineData("pbkdf2-sha256$-100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$100000$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]                          // short salt
    [InlineData("pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]                                             // short hash
    [InlineData("pbkdf2-sha256$100000$not base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$x")]
    public void Malformed_IsRefused(string stored)
    {
        Assert.False(PasswordHasher.TryParse(stored, out var hash, out string error));
        Assert.Null(hash);
        Assert.NotEmpty(error);
    }
}
