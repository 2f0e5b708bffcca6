using Microsoft.IdentityModel.Protocols;

namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>
/// Reads OpenID metadata and JWKS documents with a client from <see cref="IHttpClientFactory"/> (a fresh client per
/// read, so handler rotation and DNS changes apply to these rare, long-spaced requests).
/// </summary>
internal sealed class HttpClientFactoryDocumentRetriever(IHttpClientFactory httpClientFactory, string clientName, bool requireHttps) : IDocumentRetriever
{
    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(clientName)) { RequireHttps = requireHttps };
        return retriever.GetDocumentAsync(address, cancel);
    }
}
