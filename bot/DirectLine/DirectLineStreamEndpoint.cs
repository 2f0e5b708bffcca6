using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// The WebSocket at a conversation's <c>streamUrl</c>: first the backlog after the requested watermark, then
/// every new activity as an <c>{activities, watermark}</c> text frame, and an empty frame as keep-alive when
/// nothing happened for <see cref="DirectLineOptions.KeepAliveSeconds"/>. Needs <c>app.UseWebSockets()</c>.
/// </summary>
internal static class DirectLineStreamEndpoint
{
    private const int MaxActivitiesPerFrame = 50;

    public static async Task<IResult> HandleAsync(
        string conversationId,
        string? t,
        string? watermark,
        HttpContext context,
        DirectLineTokenService tokens,
        DirectLineConversationStore store,
        TimeProvider timeProvider,
        IOptions<DirectLineOptions> options,
        IHostApplicationLifetime lifetime)
    {
        var check = tokens.Validate(t, DirectLineTokenPurpose.Stream);
        if (check.Status == DirectLineTokenStatus.Invalid)
        {
            check = tokens.Validate(t, DirectLineTokenPurpose.Conversation);
        }

        if (DirectLineAuthorization.Check(check, conversationId) is { } problem)
        {
            return problem;
        }

        if (!DirectLineClientEndpoints.TryParseWatermark(watermark, out var mark))
        {
            return DirectLineClientEndpoints.BadWatermark();
        }

        if (store.Find(conversationId) is not { } conversation)
        {
            return DirectLineClientEndpoints.ConversationNotFound();
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return DirectLineProblem.BadRequest("NotWebSocket", "The stream URL only accepts WebSocket connections.");
        }

        // Subscribed before the handshake completes: a client may post as soon as it is connected, and a typing
        // indicator (never stored, so never in a backlog) published before the subscription would be lost.
        var (subscription, backlog) = conversation.Subscribe(mark ?? 0);
        WebSocket socket;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync();
        }
        catch
        {
            conversation.Unsubscribe(subscription);
            throw;
        }

        using var accepted = socket;
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var receiving = DrainIncomingAsync(socket, closing);
        try
        {
            var sent = mark ?? 0;
            if (backlog.Count > 0)
            {
                sent = backlog[^1].Sequence;
                await SendAsync(socket, backlog.Select(b => b.Activity), sent, closing.Token);
            }

            await PumpAsync(socket, subscription, sent, timeProvider, options.Value.KeepAliveInterval, closing.Token);
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Stream closed", closing.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping; the client reconnects with its watermark.
        }
        finally
        {
            conversation.Unsubscribe(subscription);
            await closing.CancelAsync();
            await receiving;
            await AnswerCloseAsync(socket);
        }

        return Results.Empty;
    }

    private static async Task PumpAsync(
        WebSocket socket,
        DirectLineStreamSubscription subscription,
        long sent,
        TimeProvider timeProvider,
        TimeSpan keepAlive,
        CancellationToken cancellationToken)
    {
        var reader = subscription.Reader;
        var batch = new List<Activity>();
        while (true)
        {
            var waitForData = reader.WaitToReadAsync(cancellationToken).AsTask();
            while (!waitForData.IsCompleted)
            {
                using var keepAliveTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(keepAlive, timeProvider, keepAliveTimer.Token);
                var first = await Task.WhenAny(waitForData, delay);
                await keepAliveTimer.CancelAsync();
                if (first == delay && !cancellationToken.IsCancellationRequested)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                }
            }

            if (!await waitForData)
            {
                return; // The conversation closed the stream (replaced, expired or client too slow).
            }

            batch.Clear();
            while (batch.Count < MaxActivitiesPerFrame && reader.TryRead(out var item))
            {
                // An update re-sends an older activity with the current watermark; the watermark never moves back.
                sent = Math.Max(sent, item.Sequence);
                batch.Add(item.Activity);
            }

            if (batch.Count > 0)
            {
                await SendAsync(socket, batch, sent, cancellationToken);
            }
        }
    }

    private static Task SendAsync(WebSocket socket, IEnumerable<Activity> activities, long watermark, CancellationToken cancellationToken)
    {
        var frame = new DirectLineActivitySet { Activities = [.. activities], Watermark = watermark.ToString(CultureInfo.InvariantCulture) };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, DirectLineJsonContext.Default.DirectLineActivitySet);
        return socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    private static async Task AnswerCloseAsync(WebSocket socket)
    {
        if (socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Bye", timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client is gone already.
        }
    }

    /// <summary>Reads (and ignores) what the client sends, so its close handshake is seen and ends the stream.</summary>
    private static async Task DrainIncomingAsync(WebSocket socket, CancellationTokenSource closing)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closing.
        }
        finally
        {
            await closing.CancelAsync();
        }
    }
}
