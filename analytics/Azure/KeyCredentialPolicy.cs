using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EngagementBot.Analytics.Azure;

/// <summary>Sets the resource key header on every attempt (reads the credential each time, so a rotated key is used at once).</summary>
internal sealed class KeyCredentialPolicy : HttpPipelineSynchronousPolicy
{
    private readonly AzureKeyCredential _credential;
    private readonly string _header;

    public KeyCredentialPolicy(AzureKeyCredential credential, string header)
    {
        _credential = credential;
        _header = header;
    }

    public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue(_header, _credential.Key);
}
