using System.Text.Json;
using EngagementBot.Dialogs.Publishing;
using EngagementBot.Dialogs.Staff;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Staff;

/// <summary>
/// The staff REST API under <c>/api/staff</c>: create (or dry-run) a project's notification, publish it (fan-out to
/// the audience), withdraw it (cancel), read it with its delivery progress, list a project's notifications. Every route needs a staff
/// caller (<see cref="StaffApiAuthenticator"/>); every error is problem+json with the reason.
/// </summary>
public static class StaffApiEndpoints
{
    /// <summary>Where the OpenAPI document is served.</summary>
    public const string OpenApiPath = "/api/staff/openapi.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the staff API routes and its OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/staff").WithTags("Staff publishing").AddEndpointFilter(AuthenticateAsync);
        group.MapPost("/projects/{slug}/notifications", CreateAsync)
            .WithName("CreateNotification")
            .WithSummary("Creates a project's notification (status draft), or previews it with dryRun: validates and counts the audience.")
            .Produces<NotificationPreview>(StatusCodes.Status200OK)
            .Produces<NotificationView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/projects/{slug}/notifications", ListAsync)
            .WithName("ListNotifications")
            .WithSummary("Lists a project's notifications, oldest first, with their delivery progress.")
            .Produces<NotificationPage>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/notifications/{id}", GetAsync)
            .WithName("GetNotification")
            .WithSummary("A notification with its delivery progress (sent / failed / unreachable / pending).")
            .Produces<NotificationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/notifications/{id}/publish", PublishAsync)
            .WithName("PublishNotification")
            .WithSummary("Publishes a notification: one delivery per recipient conversation, then queued for the dispatcher. Safe to repeat.")
            .Produces<PublishResult>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/notifications/{id}/cancel", CancelAsync)
            .WithName("CancelNotification")
            .WithSummary("Withdraws a notification: a draft is discarded; a publication still going out sends nothing more (messages already sent stay sent) and its publisher gets the final report. Safe to repeat.")
            .Produces<NotificationView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapOpenApi(OpenApiPath);
        return endpoints;
    }

    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authenticator = http.RequestServices.GetRequiredService<StaffApiAuthenticator>();
        var result = await authenticator.AuthenticateAsync(http.Request, StaffRole.Staff, http.RequestAborted);
        if (result.Caller is null)
        {
            if (result.Status == StatusCodes.Status401Unauthorized)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            }

            return Problem(result.Status, result.Status == StatusCodes.Status401Unauthorized ? "Not authenticated" : "Not allowed", result.Reason);
        }

        http.Items[typeof(StaffCaller)] = result.Caller;
        return await next(context);
    }

    private static async Task<IResult> CreateAsync(
        string slug, HttpContext http, IProjectStore projects, PublishingAudience audience, NotificationPublisher publisher,
        IOptions<PublishingOptions> publishing, IOptions<StaffApiOptions> api)
    {
        var cancellationToken = http.RequestAborted;
        var (request, error) = await ReadBodyAsync<CreateNotificationRequest>(http, api.Value.MaxRequestBodyBytes);
        if (error is not null)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        NotificationKind kind = default;
        if (string.IsNullOrWhiteSpace(request!.Kind) || request.Kind.Any(char.IsDigit) || !Enum.TryParse(request.Kind, ignoreCase: true, out kind))
        {
            errors["kind"] = ["kind must be one of news, interimReport, finalResults, eventReminder."];
        }

        var draft = new NotificationDraft(
            slug,
            kind,
            new DraftText(request.Title?.Fr, request.Body?.Fr),
            new DraftText(request.Title?.En, request.Body?.En),
            request.Link);
        var (valid, draftErrors) = DraftValidator.Validate(draft, publishing.Value.MaxTextLength);
        foreach (var group in draftErrors.GroupBy(e => e.Field))
        {
            errors[group.Key] = [.. group.Select(e => e.Describe("en"))];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, detail: "The notification is not valid: " + string.Join(" ", errors.Values.SelectMany(v => v)), title: "Invalid notification");
        }

        if (await projects.GetAsync(slug, cancellationToken) is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown project", $"There is no project '{slug}'.");
        }

        var count = await audience.CountAsync(slug, kind, cancellationToken);
        if (request.DryRun)
        {
            return Results.Ok(new NotificationPreview(
                slug, NotificationView.KindName(kind), count, valid!.OneLanguageOnly, new StaffLocalizedText(valid.Title.Fr, valid.Title.En),
                new StaffLocalizedText(valid.Body.Fr, valid.Body.En), valid.Link?.AbsoluteUri));
        }

        var caller = (StaffCaller)http.Items[typeof(StaffCaller)]!;
        var notification = await publisher.CreateDraftAsync(valid!, caller.Id, cancellationToken);
        return Results.Created($"/api/staff/notifications/{notification.Id}", NotificationView.From(notification, count, null));
    }

    private static async Task<IResult> PublishAsync(string id, HttpContext http, INotificationStore notifications, NotificationPublisher publisher, IDeliveryProgressSource progress)
    {
        var cancellationToken = http.RequestAborted;
        var notification = await notifications.GetAsync(id, cancellationToken);
        if (notification is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown notification", $"There is no notification '{id}'.");
        }

        if (notification.Status is NotificationStatus.Cancelled or NotificationStatus.Cancelling)
        {
            return Problem(StatusCodes.Status409Conflict, "Notification withdrawn", $"Notification '{id}' was withdrawn (cancelled) and cannot be published.");
        }

        // Fan-out runs to completion even if the caller hangs up: it is idempotent, but half a fan-out helps nobody.
        var result = await publisher.FanOutAsync(notification, CancellationToken.None);
        var counts = await progress.GetAsync(id, cancellationToken);
        var status = (await notifications.GetAsync(id, cancellationToken))?.Status ?? NotificationStatus.Queued;
        return Results.Accepted(
            $"/api/staff/notifications/{id}",
            new PublishResult(id, status.ToString().ToLowerInvariant(), result.Recipients, result.Conversations, result.Added, result.Unreachable, StaffProgress.From(counts)));
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext http, NotificationWithdrawal withdrawal, IDeliveryProgressSource progress)
    {
        var caller = (StaffCaller)http.Items[typeof(StaffCaller)]!;
        var result = await withdrawal.WithdrawAsync(id, caller.Id, http.RequestAborted);
        return result switch
        {
            { Outcome: WithdrawalOutcome.Unknown } or { Notification: null } =>
                Problem(StatusCodes.Status404NotFound, "Unknown notification", $"There is no notification '{id}'."),
            { Outcome: WithdrawalOutcome.AlreadyDelivered, Progress: var counts } =>
                Problem(StatusCodes.Status409Conflict, "Already delivered", $"Every delivery of notification '{id}' already reached its final state ({counts?.Describe("en")}); there is nothing left to withdraw."),
            { Notification: var notification } =>
                Results.Ok(NotificationView.From(notification, null, await progress.GetAsync(id, http.RequestAborted))),
        };
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, INotificationStore notifications, IDeliveryProgressSource progress)
    {
        var notification = await notifications.GetAsync(id, http.RequestAborted);
        return notification is null
            ? Problem(StatusCodes.Status404NotFound, "Unknown notification", $"There is no notification '{id}'.")
            : Results.Ok(NotificationView.From(notification, null, await progress.GetAsync(id, http.RequestAborted)));
    }

    private static async Task<IResult> ListAsync(
        string slug, HttpContext http, IProjectStore projects, INotificationStore notifications, IDeliveryProgressSource progress,
        string? continuationToken = null, int pageSize = 50)
    {
        var cancellationToken = http.RequestAborted;
        if (pageSize is < 1 or > 200)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid page size", "pageSize must be between 1 and 200.");
        }

        if (await projects.GetAsync(slug, cancellationToken) is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown project", $"There is no project '{slug}'.");
        }

        Page<Notification> page;
        try
        {
            page = await notifications.ListByProjectAsync(slug, new PageRequest(pageSize, continuationToken), cancellationToken);
        }
        catch (ArgumentException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid continuation token", "continuationToken is not one this API returned.");
        }

        var items = new List<NotificationView>(page.Items.Count);
        foreach (var notification in page.Items)
        {
            items.Add(NotificationView.From(notification, null, await progress.GetAsync(notification.Id, cancellationToken)));
        }

        return Results.Ok(new NotificationPage(items, page.ContinuationToken));
    }

    private static async Task<(T? Value, IResult? Error)> ReadBodyAsync<T>(HttpContext http, int maxBytes)
        where T : class
    {
        if (!(http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        }

        if (http.Request.ContentLength > maxBytes)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body must be at most {maxBytes} bytes."));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Json, http.RequestAborted);
            return value is null
                ? (null, Problem(StatusCodes.Status400BadRequest, "Invalid body", "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Invalid JSON", $"The body is not valid JSON for this request: {exception.Message}"));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body must be at most {maxBytes} bytes."));
        }
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);
}
