using EngagementBot.Storage.Content;
using EngagementBot.Storage.Relational;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EngagementBot.Storage;

/// <summary>Registers the storage layer.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers every store (scoped, sharing one connection and EF Core context per scope so
    /// <see cref="IStorageUnitOfWork"/> spans them), the content importer, <see cref="StorageOptions"/> bound from the <c>Storage</c> section and
    /// validated at start-up, and a hosted initializer that applies the schema before the host serves requests.
    /// </summary>
    public static IServiceCollection AddEngagementStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var contentRoot = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            return RelationalDatabase.FromOptions(sp.GetRequiredService<IOptions<StorageOptions>>().Value, contentRoot);
        });
        services.TryAddScoped<RelationalSession>();

        services.TryAddScoped<SchemaMigrator>();
        services.TryAddScoped<IStorageUnitOfWork, RelationalUnitOfWork>();
        services.TryAddScoped<IStateStore, RelationalStateStore>();
        services.TryAddScoped<IProjectStore, RelationalProjectStore>();
        services.TryAddScoped<IConsultationStore, RelationalConsultationStore>();
        services.TryAddScoped<IParticipantStore, RelationalParticipantStore>();
        services.TryAddScoped<IConversationReferenceStore, RelationalConversationReferenceStore>();
        services.TryAddScoped<IResponseStore, RelationalResponseStore>();
        services.TryAddScoped<ICitizenQuestionStore, RelationalCitizenQuestionStore>();
        services.TryAddScoped<INotificationStore, RelationalNotificationStore>();
        services.TryAddScoped<ContentImporter>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
