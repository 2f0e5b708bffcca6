using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Publishing;

/// <summary>How often the bot read participations from the response store (per-participant lists and batched submissions).</summary>
public sealed class ResponseReadCounter
{
    private int _byParticipant;
    private int _submissions;

    public int ByParticipant => Volatile.Read(ref _byParticipant);

    public int Submissions => Volatile.Read(ref _submissions);

    public void CountByParticipant() => Interlocked.Increment(ref _byParticipant);

    public void CountSubmissions() => Interlocked.Increment(ref _submissions);

    public void Reset()
    {
        Interlocked.Exchange(ref _byParticipant, 0);
        Interlocked.Exchange(ref _submissions, 0);
    }
}

/// <summary>The bot's own response store, counting the participation reads in <see cref="ResponseReadCounter"/>.</summary>
public sealed class CountingResponseStore(IResponseStore inner, ResponseReadCounter counter) : IResponseStore
{
    /// <summary>Wraps the registered <see cref="IResponseStore"/> of <paramref name="services"/>.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Single(d => d.ServiceType == typeof(IResponseStore));
        services.Remove(registered);
        services.AddSingleton<ResponseReadCounter>();
        services.AddScoped<IResponseStore>(sp => new CountingResponseStore(
            (IResponseStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!), sp.GetRequiredService<ResponseReadCounter>()));
    }

    public Task<Response?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<Response?> FindAsync(string participantId, string consultationId, CancellationToken cancellationToken) =>
        inner.FindAsync(participantId, consultationId, cancellationToken);

    public Task<Response> StartAsync(string participantId, string consultationId, CancellationToken cancellationToken) =>
        inner.StartAsync(participantId, consultationId, cancellationToken);

    public Task<string> SaveAnswerAsync(string responseId, Answer answer, string? expectedETag, CancellationToken cancellationToken) =>
        inner.SaveAnswerAsync(responseId, answer, expectedETag, cancellationToken);

    public Task<string> RemoveAnswerAsync(string responseId, string questionId, string? expectedETag, CancellationToken cancellationToken) =>
        inner.RemoveAnswerAsync(responseId, questionId, expectedETag, cancellationToken);

    public Task<Response> SubmitAsync(string responseId, string? expectedETag, CancellationToken cancellationToken) =>
        inner.SubmitAsync(responseId, expectedETag, cancellationToken);

    public Task<Page<Response>> ListByConsultationAsync(string consultationId, PageRequest page, CancellationToken cancellationToken) =>
        inner.ListByConsultationAsync(consultationId, page, cancellationToken);

    public Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken) => inner.DeleteAsync(id, etag, cancellationToken);

    public Task<IReadOnlyList<Response>> ListByParticipantAsync(string participantId, CancellationToken cancellationToken)
    {
        counter.CountByParticipant();
        return inner.ListByParticipantAsync(participantId, cancellationToken);
    }

    public Task<IReadOnlyList<ResponseSubmission>> ListSubmissionsAsync(
        IReadOnlyCollection<string> participantIds, IReadOnlyCollection<string> consultationIds, CancellationToken cancellationToken)
    {
        counter.CountSubmissions();
        return inner.ListSubmissionsAsync(participantIds, consultationIds, cancellationToken);
    }

    public Task<Response?> AnonymizeAsync(string responseId, CancellationToken cancellationToken) => inner.AnonymizeAsync(responseId, cancellationToken);

    public Task<Response> ImportAsync(Response response, CancellationToken cancellationToken) => inner.ImportAsync(response, cancellationToken);
}
