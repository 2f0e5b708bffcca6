using EngagementBot.Storage.Caching;
using EngagementBot.Storage.Content;
using EngagementBot.Storage.Cosmos;
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
    /// With <c>Storage:Provider=Cosmos</c> it registers the Cosmos DB stores instead (<see cref="Cosmos.CosmosStorageOptions"/> from
    /// <c>Storage:Cosmos</c>, validated at start-up; containers created by a hosted initializer when configured).
    /// Every provider gets <see cref="IPersonalDataEraser"/>.
    /// </summary>
    public static IServiceCollection AddEngagementStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IPersonalDataEraser, PersonalDataEraser>();
        services.TryAddScoped<ContentImporter>();
        services.TryAddScoped<DemoContentSeeder>();
        services.TryAddSingleton<ContentCache>();
        var provider = configuration.GetSection(StorageOptions.SectionName)[nameof(StorageOptions.Provider)];
        if (Enum.TryParse<StorageProvider>(provider, ignoreCase: true, out var parsed) && parsed == StorageProvider.Cosmos)
        {
            return services.AddCosmosStores(configuration).AddContentCache();
        }

        services.TryAddSingleton(sp =>
        {
            var contentRoot = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            return RelationalDatabase.FromOptions(sp.GetRequiredService<IOptions<StorageOptions>>().Value, contentRoot);
        });
        services.TryAddScoped<RelationalSession>();

        services.TryAddScoped<SchemaMigrator>();
        services.TryAddScoped<Migration.IStorageInventory, Migration.RelationalStorageInventory>();
        services.TryAddScoped<IStorageUnitOfWork, RelationalUnitOfWork>();
        services.TryAddScoped<IStateStore, RelationalStateStore>();
        services.TryAddScoped<IProjectStore, RelationalProjectStore>();
        services.TryAddScoped<IConsultationStore, RelationalConsultationStore>();
        services.TryAddScoped<IParticipantStore, RelationalParticipantStore>();
        services.TryAddScoped<IConversationReferenceStore, RelationalConversationReferenceStore>();
        services.TryAddScoped<IResponseStore, RelationalResponseStore>();
        services.TryAddScoped<ICitizenQuestionStore, RelationalCitizenQuestionStore>();
        services.TryAddScoped<INotificationStore, RelationalNotificationStore>();
        services.AddHostedService<StorageInitializer>();
        return services.AddContentCache();
    }

    /// <summary>Puts <see cref="ContentCache"/> in front of the provider's project and consultation stores.</summary>
    private static IServiceCollection AddContentCache(this IServiceCollection services)
    {
        Decorate<IProjectStore>(services, (inner, sp) => new CachedProjectStore(inner, sp.GetRequiredService<ContentCache>()));
        Decorate<IConsultationStore>(services, (inner, sp) => new CachedConsultationStore(inner, sp.GetRequiredService<ContentCache>()));
        return services;
    }

    private static void Decorate<TService>(IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        if (registered.ImplementationType is not { } implementation)
        {
            return;
        }

        services.Remove(registered);
        services.TryAdd(new ServiceDescriptor(implementation, implementation, registered.Lifetime));
        services.Add(new ServiceDescriptor(
            typeof(TService),
            sp => decorate((TService)sp.GetRequiredService(implementation), sp),
            registered.Lifetime));
    }

    private static IServiceCollection AddCosmosStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CosmosStorageOptions>().Bind(configuration.GetSection(CosmosStorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CosmosStorageOptions>, CosmosStorageOptionsValidator>());
        services.TryAddSingleton(sp => CosmosDatabase.Create(
            sp.GetRequiredService<IOptions<CosmosStorageOptions>>().Value, sp.GetServices<CosmosClientCustomization>()));

        // The stores hold no per-request state: the CosmosClient is thread-safe and shared. Scoped like the relational ones.
        services.TryAddScoped<IStorageUnitOfWork, CosmosUnitOfWork>();
        services.TryAddScoped<IStateStore, CosmosStateStore>();
        services.TryAddScoped<IProjectStore, CosmosProjectStore>();
        services.TryAddScoped<IConsultationStore, CosmosConsultationStore>();
        services.TryAddScoped<IParticipantStore, CosmosParticipantStore>();
        services.TryAddScoped<IConversationReferenceStore, CosmosConversationReferenceStore>();
        services.TryAddScoped<IResponseStore, CosmosResponseStore>();
        services.TryAddScoped<ICitizenQuestionStore, CosmosCitizenQuestionStore>();
        services.TryAddScoped<INotificationStore, CosmosNotificationStore>();
        services.AddHostedService<CosmosInitializer>();
        return services;
    }
}
