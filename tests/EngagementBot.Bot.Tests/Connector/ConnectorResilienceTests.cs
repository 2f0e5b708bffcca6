using System.Net;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;

namespace EngagementBot.Bot.Tests.Connector;

/// <summary>Retries, Retry-After, timeouts, bounded attempts and never-retried failures, against the real stub.</summary>
public sealed class ConnectorResilienceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(Start);
    private readonly CountingTokenProvider _tokens = new();
    private ConnectorStubServer _stub = null!;

    public async Task InitializeAsync() => _stub = await ConnectorStubServer.StartAsync(_clock);

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Status_429_with_retry_after_seconds_waits_that_long_then_retries()
    {
        await using var host = CreateHost(_clock);
        _stub.Enqueue(StubResponse.TooManyRequests(TimeSpan.FromSeconds(7)));

        var send = Send(host);
        await _clock.WaitForTimerAsync(remaining => remaining == TimeSpan.FromSeconds(7));
        _clock.Advance(TimeSpan.FromSeconds(6));
        await Task.Delay(100);
        Assert.Single(_stub.Requests);
        Assert.False(send.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var response = await send.WaitAsync(TimeSpan.FromSeconds(10));

        var requests = _stub.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(7));
        Assert.Equal($"activity-{requests[1].Sequence}", response.Id);
    }

    [Fact]
    public async Task Status_429_with_retry_after_http_date_waits_until_that_date()
    {
        await using var host = CreateHost(_clock);
        _stub.Enqueue(StubResponse.TooManyRequestsUntil(Start.AddSeconds(12)));

        var send = Send(host);
        var wait = await _clock.WaitForTimerAsync(remaining => remaining > TimeSpan.FromSeconds(11) && remaining <= TimeSpan.FromSeconds(12));
        _clock.Advance(wait);
        await send.WaitAsync(TimeSpan.FromSeconds(10));

        var requests = _stub.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt >= Start.AddSeconds(12));
    }

    [Fact]
    public async Task Status_503_with_retry_after_is_honoured_too()
    {
        await using var host = CreateHost(_clock);
        _stub.Enqueue(StubResponse.ServiceUnavailable() with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = "5" },
        });

        var send = Send(host);
        await _clock.WaitForTimerAsync(remaining => remaining == TimeSpan.FromSeconds(5));
        _clock.Advance(TimeSpan.FromSeconds(5));
        await send.WaitAsync(TimeSpan.FromSeconds(10));

        var requests = _stub.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Retry_after_longer_than_max_delay_is_capped()
    {
        // (distinct from the 20 s attempt timeout, whose timer is also pending during the first attempt)
        await using var host = CreateHost(_clock, maxDelay: TimeSpan.FromSeconds(15));
        _stub.Enqueue(StubResponse.TooManyRequests(TimeSpan.FromHours(1)));

        var send = Send(host);
        await _clock.WaitForTimerAsync(remaining => remaining == TimeSpan.FromSeconds(15));
        _clock.Advance(TimeSpan.FromSeconds(15));
        await send.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, _stub.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Transient_status_is_retried_with_a_fresh_request_and_token(HttpStatusCode status)
    {
        await using var host = CreateHost(TimeProvider.System);
        _stub.Enqueue(StubResponse.Error(status, "Transient", "try again"));

        var response = await Send(host);

        var requests = _stub.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal("Bearer token-1", requests[0].Header("Authorization"));
        Assert.Equal("Bearer token-2", requests[1].Header("Authorization"));
        Assert.Equal($"activity-{requests[1].Sequence}", response.Id);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        await using var host = CreateHost(TimeProvider.System, attemptTimeout: TimeSpan.FromMilliseconds(300));
        _stub.Enqueue(StubResponse.Default.After(TimeSpan.FromSeconds(30)));

        var response = await Send(host).WaitAsync(TimeSpan.FromSeconds(20));

        var requests = _stub.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal($"activity-{requests[1].Sequence}", response.Id);
    }

    [Fact]
    public async Task Timeouts_on_every_attempt_end_in_a_connector_exception_without_status()
    {
        await using var host = CreateHost(TimeProvider.System, maxRetries: 1, attemptTimeout: TimeSpan.FromMilliseconds(200));
        _stub.Responder = _ => StubResponse.Default.After(TimeSpan.FromSeconds(30));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Send(host).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Null(failure.StatusCode);
        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(failure.InnerException);
        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task Attempts_are_bounded_and_the_last_status_is_reported()
    {
        await using var host = CreateHost(TimeProvider.System, maxRetries: 2);
        _stub.Responder = _ => StubResponse.ServiceUnavailable();

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Send(host));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Equal("ServiceUnavailable", failure.Error?.Error?.Code);
        Assert.Equal(3, _stub.Requests.Count);
    }

    [Fact]
    public async Task No_retries_when_max_retries_is_zero()
    {
        await using var host = CreateHost(TimeProvider.System, maxRetries: 0);
        _stub.Enqueue(StubResponse.ServiceUnavailable());

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Send(host));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task Status_403_message_writes_blocked_is_recipient_unreachable_after_exactly_one_request()
    {
        await using var host = CreateHost(TimeProvider.System);
        _stub.Responder = _ => StubResponse.MessageWritesBlocked();

        var failure = await Assert.ThrowsAsync<RecipientUnreachableException>(() => Send(host));

        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
        Assert.Equal("MessageWritesBlocked", failure.Error?.Error?.Code);
        Assert.Single(_stub.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "ConversationBlockedByUser")]
    [InlineData(HttpStatusCode.Forbidden, "BotDisabledByAdmin")]
    [InlineData(HttpStatusCode.Forbidden, "BotNotInConversationRoster")]
    [InlineData(HttpStatusCode.NotFound, "ConversationNotFound")]
    public async Task Teams_codes_for_a_lost_recipient_are_recipient_unreachable(HttpStatusCode status, string code)
    {
        await using var host = CreateHost(TimeProvider.System);
        _stub.Enqueue(StubResponse.Error(status, code, "gone"));

        var failure = await Assert.ThrowsAsync<RecipientUnreachableException>(() => Send(host));

        Assert.Equal(status, failure.StatusCode);
        Assert.Single(_stub.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData(HttpStatusCode.Forbidden, "Forbidden")]
    [InlineData(HttpStatusCode.Unauthorized, "Unauthorized")]
    [InlineData(HttpStatusCode.NotFound, "ActivityNotFound")]
    public async Task Other_client_errors_are_not_retried_and_do_not_mark_the_recipient_unreachable(HttpStatusCode status, string code)
    {
        await using var host = CreateHost(TimeProvider.System);
        _stub.Enqueue(StubResponse.Error(status, code, "no"));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Send(host));

        Assert.IsNotType<RecipientUnreachableException>(failure);
        Assert.Equal(status, failure.StatusCode);
        Assert.Equal(code, failure.Error?.Error?.Code);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task An_error_without_a_json_body_keeps_the_status()
    {
        await using var host = CreateHost(TimeProvider.System);
        _stub.Enqueue(StubResponse.Status(HttpStatusCode.BadRequest, "<html>bad</html>"));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Send(host));

        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.Null(failure.Error);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported()
    {
        int port;
        await using (var closed = await ConnectorStubServer.StartAsync())
        {
            port = new Uri(closed.ServiceUrl).Port;
        }

        await using var host = ConnectorTestHost.Create(ConnectorTestHost.LocalMode(), maxRetries: 1);

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendToConversationAsync(
            $"http://127.0.0.1:{port}/", "conv-1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None));

        Assert.Null(failure.StatusCode);
        Assert.IsType<HttpRequestException>(failure.InnerException);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_stops_waiting_for_a_retry()
    {
        await using var host = CreateHost(_clock);
        _stub.Enqueue(StubResponse.TooManyRequests(TimeSpan.FromSeconds(30)));
        using var cancellation = new CancellationTokenSource();

        var send = host.Client.SendToConversationAsync(
            _stub.ServiceUrl, "conv-1", new Activity { Type = ActivityTypes.Message }, cancellation.Token);
        await _clock.WaitForTimerAsync(remaining => remaining == TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(_stub.Requests);
    }

    private ConnectorTestHost CreateHost(TimeProvider clock, int maxRetries = 4, TimeSpan? attemptTimeout = null, TimeSpan? maxDelay = null)
    {
        var host = ConnectorTestHost.Create(ConnectorTestHost.WithAppId(), _tokens, clock, maxRetries, attemptTimeout, maxDelay);
        host.TrustedServiceUrls.Trust(_stub.ServiceUrl);
        return host;
    }

    private Task<ResourceResponse> Send(ConnectorTestHost host) =>
        host.Client.SendToConversationAsync(_stub.ServiceUrl, "conv-1", new Activity { Type = ActivityTypes.Message, Text = "Hello" }, CancellationToken.None);
}
