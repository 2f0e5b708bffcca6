using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementBot.Dialogs.Runtime;

/// <summary>
/// <see cref="Lazy{T}"/> from the container. Every turn builds every <see cref="IDialogFeature"/>, but most turns use
/// none of a staff command's collaborators (publishing, delivery, insights, erasure): a feature takes those as
/// <c>Lazy&lt;T&gt;</c>, so they and their own dependencies are built only on the turns that use them.
/// </summary>
/// <typeparam name="T">The service.</typeparam>
internal sealed class LazyService<T>(IServiceProvider services) : Lazy<T>(services.GetRequiredService<T>)
    where T : notnull;

/// <summary>Registers <see cref="LazyService{T}"/> for <c>Lazy&lt;T&gt;</c>.</summary>
internal static class LazyServiceCollectionExtensions
{
    /// <summary>Lets constructors take <c>Lazy&lt;T&gt;</c> of any registered service (idempotent).</summary>
    public static IServiceCollection AddLazyServices(this IServiceCollection services)
    {
        services.TryAddTransient(typeof(Lazy<>), typeof(LazyService<>));
        return services;
    }
}
