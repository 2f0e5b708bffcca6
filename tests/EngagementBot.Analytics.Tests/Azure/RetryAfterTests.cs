using Azure;
using Azure.Core;
using EngagementBot.Analytics.Azure;

namespace EngagementBot.Analytics.Tests.Azure;

/// <summary>The wait a response asks for, in each documented header form.</summary>
public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Retry-After", "7", 7000)]
    [InlineData("retry-after-ms", "250", 250)]
    [InlineData("x-ms-retry-after-ms", "1500", 1500)]
    [InlineData("Retry-After", "Sun, 22 Nov 2026 04:00:30 GMT", 30000)]
    [InlineData("Retry-After", "Sun, 22 Nov 2026 03:59:00 GMT", 0)]
    public void Each_header_form_is_read(string header, string value, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), RetryAfter.From(new FakeResponse(header, value), Now));
    }

    [Theory]
    [InlineData("Retry-After", "soon")]
    [InlineData("Retry-After", "-3")]
    [InlineData("Other", "5")]
    public void Anything_else_gives_no_wait(string header, string value)
    {
        Assert.Null(RetryAfter.From(new FakeResponse(header, value), Now));
    }

    /// <summary>A response holding one header (Azure.Core's Response is abstract; this is data, not a mock of behaviour).</summary>
    private sealed class FakeResponse(string name, string value) : Response
    {
        public override int Status => 429;

        public override string ReasonPhrase => "Too Many Requests";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = string.Empty;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string headerName) => string.Equals(headerName, name, StringComparison.OrdinalIgnoreCase);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [new HttpHeader(name, value)];

        protected override bool TryGetHeader(string headerName, out string headerValue)
        {
            headerValue = ContainsHeader(headerName) ? value : string.Empty;
            return ContainsHeader(headerName);
        }

        protected override bool TryGetHeaderValues(string headerName, out IEnumerable<string> values)
        {
            values = ContainsHeader(headerName) ? [value] : [];
            return ContainsHeader(headerName);
        }
    }
}
