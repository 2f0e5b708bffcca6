using EngagementBot.Bot.Protocol.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace EngagementBot.Bot.Tests.Authentication;

/// <summary>Reading the Bot Framework <c>endorsements</c> member of a JWKS key, as Microsoft.IdentityModel parses it.</summary>
public sealed class SigningKeyEndorsementsTests
{
    [Fact]
    public void EndorsementsArray_IsRead()
    {
        var key = new JsonWebKey("""{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB","endorsements":["msteams","webchat","msteams"]}""");

        var endorsements = SigningMetadata.ReadEndorsements(key);

        Assert.NotNull(endorsements);
        Assert.Equal(["msteams", "webchat"], endorsements.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("MSTEAMS", endorsements);
    }

    [Fact]
    public void MissingEndorsements_AreNull_AndNonStringEntriesAreIgnored()
    {
        var none = new JsonWebKey("""{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}""");
        var odd = new JsonWebKey("""{"kty":"RSA","kid":"k2","n":"AQAB","e":"AQAB","endorsements":[1,{"a":"b"},"slack",""]}""");

        Assert.Null(SigningMetadata.ReadEndorsements(none));
        Assert.Equal(["slack"], SigningMetadata.ReadEndorsements(odd)!);
    }
}
