using System.Text;
using EngagementBot.Bot.Tests.Support;
using static EngagementBot.Bot.Tests.Support.ChannelAuthenticationTestContext;

namespace EngagementBot.Bot.Tests.Authentication;

/// <summary>Seeded random garbage and one-character forgeries: always a clean rejection, never an exception or a pass.</summary>
public sealed class MalformedTokenTests : IAsyncLifetime
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private ChannelAuthenticationTestContext _auth = null!;

    public async Task InitializeAsync() => _auth = await StartAsync();

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomHeaders_AreRejectedWithAReason(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var header = random.Next(4) switch
            {
                0 => RandomText(random, random.Next(0, 80)),
                1 => "Bearer " + RandomText(random, random.Next(1, 200)),
                2 => "Bearer " + string.Join('.', Enumerable.Range(0, random.Next(1, 7)).Select(_ => RandomBase64Url(random, random.Next(0, 120)))),
                _ => "Bearer " + Encode("{\"alg\":\"RS256\",\"kid\":\"" + BotConnectorKeyId + "\"}") + "." + RandomBase64Url(random, 60) + "." + RandomBase64Url(random, 342),
            };

            var result = await _auth.AuthenticateAsync(header);

            Assert.False(result.Succeeded, $"accepted: {header}");
            Assert.False(string.IsNullOrWhiteSpace(result.FailureReason));
        }

        Assert.False(_auth.TrustedServiceUrls.IsTrusted(ServiceUrl));
    }

    [Fact]
    public async Task OneCharacterChangedInHeaderOrPayload_IsNeverAccepted()
    {
        var token = _auth.Issuer.CreateBotConnectorToken(_auth.BotConnectorKey, ServiceUrl);
        Assert.True((await _auth.AuthenticateAsync("Bearer " + token)).Succeeded);
        var signatureStart = token.LastIndexOf('.');
        var random = new Random(42);

        for (var i = 0; i < 150; i++)
        {
            // Not the last character of a segment: its low bits may be padding that decodes to the same bytes.
            var position = random.Next(0, signatureStart - 1);
            if (token[position] == '.' || token[position + 1] == '.')
            {
                continue;
            }

            var replacement = Base64UrlAlphabet[random.Next(Base64UrlAlphabet.Length)];
            if (replacement == token[position])
            {
                continue;
            }

            var forged = string.Concat(token.AsSpan(0, position), replacement.ToString(), token.AsSpan(position + 1));
            var result = await _auth.AuthenticateAsync("Bearer " + forged);

            Assert.False(result.Succeeded, $"forgery at {position} accepted");
        }
    }

    private static string BotConnectorKeyId => "bot-connector-key-1";

    private static string Encode(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static string RandomText(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x20, 0x7F)).ToArray());

    private static string RandomBase64Url(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => Base64UrlAlphabet[random.Next(Base64UrlAlphabet.Length)]).ToArray());
}
