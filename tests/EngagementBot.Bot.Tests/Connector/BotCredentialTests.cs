using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Connector.Credentials;
using EngagementBot.Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Tests.Connector;

/// <summary>Which token provider the configuration selects, how options are validated, and token refresh.</summary>
public sealed class BotCredentialTests
{
    private const string AppId = "6a3c1b8e-0000-4000-8000-000000000001";
    private const string TenantId = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public void SingleTenant_with_a_secret_uses_msal_against_the_tenant_authority()
    {
        using var services = Build(new()
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = TenantId,
        });

        var provider = Assert.IsType<MsalBotTokenProvider>(services.GetRequiredService<IBotTokenProvider>());
        Assert.Equal($"https://login.microsoftonline.com/{TenantId}", provider.Authority);
        Assert.NotNull(services.GetRequiredService<IConnectorClient>());
    }

    [Fact]
    public void MultiTenant_uses_the_botframework_com_authority()
    {
        using var services = Build(new()
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "secret",
        });

        var provider = Assert.IsType<MsalBotTokenProvider>(services.GetRequiredService<IBotTokenProvider>());
        Assert.Equal("https://login.microsoftonline.com/botframework.com", provider.Authority);
    }

    [Fact]
    public void UserAssignedMSI_uses_the_managed_identity_of_the_app_id()
    {
        using var services = Build(new()
        {
            ["MicrosoftAppType"] = "UserAssignedMSI",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppTenantId"] = TenantId,
        });

        var provider = Assert.IsType<ManagedIdentityBotTokenProvider>(services.GetRequiredService<IBotTokenProvider>());
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(provider.Credential);
    }

    [Fact]
    public void No_app_id_is_local_mode_without_a_credential()
    {
        using var services = Build(new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = string.Empty });

        Assert.IsType<LocalModeBotTokenProvider>(services.GetRequiredService<IBotTokenProvider>());
    }

    [Fact]
    public void A_certificate_file_with_a_password_is_loaded_for_msal()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bot-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=engagementbot-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        try
        {
            using var services = Build(new()
            {
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppTenantId"] = TenantId,
                ["MicrosoftAppCertificatePath"] = path,
                ["MicrosoftAppCertificatePassword"] = "pfx-password",
            });

            Assert.IsType<MsalBotTokenProvider>(services.GetRequiredService<IBotTokenProvider>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_certificate_file_with_the_wrong_password_fails_at_start()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bot-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=engagementbot-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "right"));
        }

        try
        {
            using var services = Build(new()
            {
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppTenantId"] = TenantId,
                ["MicrosoftAppCertificatePath"] = path,
                ["MicrosoftAppCertificatePassword"] = "wrong",
            });

            var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains(failure.Failures, message => message.Contains("MicrosoftAppCertificatePassword", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("Bogus", "secret", TenantId, "MicrosoftAppType 'Bogus' is not supported")]
    [InlineData("SingleTenant", "secret", "", "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant")]
    [InlineData("UserAssignedMSI", "", "", "MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI")]
    [InlineData("SingleTenant", "", TenantId, "set MicrosoftAppPassword (client secret) or MicrosoftAppCertificatePath")]
    [InlineData("MultiTenant", "", "", "MicrosoftAppType MultiTenant with MicrosoftAppId set needs a credential")]
    public void Bad_identity_settings_fail_at_start_with_a_message_naming_the_key(string appType, string password, string tenant, string expected)
    {
        using var services = Build(new()
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenant,
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(failure.Failures, message => message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Secret_and_certificate_together_are_ambiguous()
    {
        var result = new BotIdentityOptionsValidator().Validate(null, new BotIdentityOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppTenantId = TenantId,
            MicrosoftAppPassword = "secret",
            MicrosoftAppCertificateThumbprint = "ABCDEF",
        });

        Assert.True(result.Failed);
        Assert.Contains("keep only one credential", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_certificate_thumbprint_is_named()
    {
        var result = new BotIdentityOptionsValidator().Validate(null, new BotIdentityOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppTenantId = TenantId,
            MicrosoftAppCertificateThumbprint = "00112233445566778899AABBCCDDEEFF00112233",
        });

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppCertificateThumbprint '00112233445566778899AABBCCDDEEFF00112233'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_certificate_file_is_named()
    {
        var result = new BotIdentityOptionsValidator().Validate(null, new BotIdentityOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppTenantId = TenantId,
            MicrosoftAppCertificatePath = "/nonexistent/bot.pfx",
        });

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppCertificatePath '/nonexistent/bot.pfx' does not exist", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_without_an_app_id_is_rejected()
    {
        var result = new BotIdentityOptionsValidator().Validate(null, new BotIdentityOptions { MicrosoftAppPassword = "secret" });

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppId is empty", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SingleTenant", "secret", TenantId)]
    [InlineData("singletenant", "secret", TenantId)]
    [InlineData("", "secret", TenantId)]
    [InlineData("MultiTenant", "secret", "")]
    [InlineData("UserAssignedMSI", "", TenantId)]
    public void Valid_identity_settings_pass(string appType, string password, string tenant)
    {
        var result = new BotIdentityOptionsValidator().Validate(null, new BotIdentityOptions
        {
            MicrosoftAppType = appType,
            MicrosoftAppId = AppId,
            MicrosoftAppPassword = password,
            MicrosoftAppTenantId = tenant,
        });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Connector:MaxRetries", "11", "Connector:MaxRetries is 11")]
    [InlineData("Connector:MaxRetries", "-1", "Connector:MaxRetries is -1")]
    [InlineData("Connector:AttemptTimeout", "00:00:00", "Connector:AttemptTimeout is 00:00:00")]
    [InlineData("Connector:MaxDelay", "00:00:00", "Connector:MaxDelay is 00:00:00")]
    [InlineData("Connector:BaseDelay", "00:05:00", "Connector:BaseDelay is 00:05:00")]
    public void Bad_connector_settings_fail_at_start_with_a_message_naming_the_key(string key, string value, string expected)
    {
        using var services = Build(new() { ["MicrosoftAppId"] = string.Empty, [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(failure.Failures, message => message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Default_connector_settings_are_valid()
    {
        using var services = Build(new() { ["MicrosoftAppId"] = string.Empty });

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<ConnectorClientOptions>>().Value;
        Assert.Equal(4, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxDelay);
    }

    [Fact]
    public async Task Managed_identity_token_is_cached_and_renewed_five_minutes_before_expiry()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));
        var credential = new CountingCredential(clock, TimeSpan.FromHours(1));
        using var provider = new ManagedIdentityBotTokenProvider(credential, clock);

        var first = await provider.GetAccessTokenAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(54));
        var cached = await provider.GetAccessTokenAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var renewed = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("mi-token-1", first);
        Assert.Equal("mi-token-1", cached);
        Assert.Equal("mi-token-2", renewed);
        Assert.Equal(2, credential.Calls);
        Assert.All(credential.Scopes, scopes => Assert.Equal([BotTokenScopes.BotFramework], scopes));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_acquisition()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));
        var credential = new CountingCredential(clock, TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(100));
        using var provider = new ManagedIdentityBotTokenProvider(credential, clock);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetAccessTokenAsync(CancellationToken.None).AsTask()));

        Assert.All(tokens, token => Assert.Equal("mi-token-1", token));
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public void Existing_trusted_urls_and_clock_registrations_are_kept()
    {
        var trusted = new TrustedServiceUrls();
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = string.Empty }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<ITrustedServiceUrls>(trusted).AddSingleton<TimeProvider>(clock);

        services.AddBotConnector(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Same(trusted, provider.GetRequiredService<ITrustedServiceUrls>());
        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<ConnectorResiliencePipeline>(), provider.GetRequiredService<ConnectorResiliencePipeline>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBotConnector(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>An Azure credential issuing "mi-token-N" valid for a fixed lifetime on the manual clock.</summary>
    private sealed class CountingCredential(TimeProvider clock, TimeSpan lifetime, TimeSpan latency = default) : TokenCredential
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            lock (Scopes)
            {
                Scopes.Add(requestContext.Scopes);
            }

            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, cancellationToken);
            }

            return new AccessToken($"mi-token-{call}", clock.GetUtcNow() + lifetime);
        }
    }
}
