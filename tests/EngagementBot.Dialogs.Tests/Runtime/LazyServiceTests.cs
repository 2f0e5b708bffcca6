using EngagementBot.Dialogs.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Dialogs.Tests.Runtime;

/// <summary>
/// <c>Lazy&lt;T&gt;</c> from the container (<see cref="LazyServiceCollectionExtensions.AddLazyServices"/>): a feature's
/// staff-only collaborators are built on the turns that use them, and they are the scope's own instances.
/// </summary>
public sealed class LazyServiceTests
{
    [Fact]
    public void A_lazy_collaborator_is_built_on_first_use_only_and_is_the_scope_instance()
    {
        var services = new ServiceCollection();
        services.AddLazyServices().AddLazyServices();
        services.AddScoped<Counter>();
        services.AddScoped<Counted>();
        services.AddScoped<NeedsCounted>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        using var scope = provider.CreateScope();
        var needs = scope.ServiceProvider.GetRequiredService<NeedsCounted>();
        Assert.Equal(0, needs.Built.Count);

        var used = needs.Lazy.Value;
        Assert.Same(scope.ServiceProvider.GetRequiredService<Counted>(), used);
        Assert.Same(used, needs.Lazy.Value);
        Assert.Equal(1, needs.Built.Count);

        using var other = provider.CreateScope();
        Assert.NotSame(used, other.ServiceProvider.GetRequiredService<NeedsCounted>().Lazy.Value);
    }

    [Fact]
    public void A_lazy_collaborator_that_is_not_registered_fails_when_used_and_names_the_service()
    {
        var services = new ServiceCollection();
        services.AddLazyServices();
        services.AddSingleton<Counter>();
        using var provider = services.BuildServiceProvider();
        var lazy = provider.GetRequiredService<Lazy<Counted>>();

        var error = Assert.Throws<InvalidOperationException>(() => lazy.Value);
        Assert.Contains(nameof(Counted), error.Message, StringComparison.Ordinal);
    }

    private sealed class Counted
    {
        public Counted(Counter counter) => counter.Count++;
    }

    private sealed class Counter
    {
        public int Count { get; set; }
    }

    private sealed class NeedsCounted(Lazy<Counted> lazy, Counter built)
    {
        public Lazy<Counted> Lazy { get; } = lazy;

        public Counter Built { get; } = built;
    }
}
