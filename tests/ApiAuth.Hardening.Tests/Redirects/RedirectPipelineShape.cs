using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace ApiAuth.Hardening.Tests.Redirects;

/// <summary>Which primary handler the client gets, and how it is configured.</summary>
public enum PrimaryKind
{
    /// <summary>None configured: the factory's default <see cref="HttpClientHandler"/>.</summary>
    FactoryDefault,

    /// <summary><c>ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler())</c>.</summary>
    Sockets,

    /// <summary><c>ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler())</c>.</summary>
    ClientHandler,

    /// <summary><c>UseSocketsHttpHandler()</c>.</summary>
    UseSockets,

    /// <summary>A configure action that sets <c>AllowAutoRedirect = true</c> on whatever primary handler the client has.</summary>
    ReEnableRedirects,
}

/// <summary>Where the primary handler is configured relative to <c>AddApiAuthDiagnostics()</c>.</summary>
public enum PrimaryPlacement
{
    BeforeApiAuth,
    AfterApiAuth,
    ClientDefaults,
}

/// <summary>Where <c>AddStandardResilienceHandler()</c> sits relative to ApiAuth.</summary>
public enum ResiliencePlacement
{
    None,
    AboveApiAuth,
    BelowApiAuth,
}

/// <summary>One way of building a client pipeline: the primary handler, where it is registered, where resilience sits.</summary>
public sealed record RedirectPipelineShape(PrimaryKind Primary, PrimaryPlacement Placement, ResiliencePlacement Resilience)
{
    public override string ToString() => $"{Primary} {Placement}, resilience {Resilience}";

    /// <summary>Builds the services; <paramref name="configure"/> is ApiAuth's options, or null to leave ApiAuth out (the reference pipeline).</summary>
    public ServiceProvider Build(string name, Action<ApiAuthDiagnosticsOptions>? configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (Placement == PrimaryPlacement.ClientDefaults)
        {
            services.ConfigureHttpClientDefaults(ConfigurePrimary);
        }

        IHttpClientBuilder builder = services.AddHttpClient(name);
        if (Placement == PrimaryPlacement.BeforeApiAuth)
        {
            ConfigurePrimary(builder);
        }

        if (Resilience == ResiliencePlacement.AboveApiAuth)
        {
            AddResilience(builder);
        }

        if (configure is not null)
        {
            builder.AddApiAuthDiagnostics(configure);
        }

        if (Resilience == ResiliencePlacement.BelowApiAuth)
        {
            AddResilience(builder);
        }

        if (Placement == PrimaryPlacement.AfterApiAuth)
        {
            ConfigurePrimary(builder);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private void ConfigurePrimary(IHttpClientBuilder builder)
    {
        switch (Primary)
        {
            case PrimaryKind.Sockets:
                builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
                break;
            case PrimaryKind.ClientHandler:
                builder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler());
                break;
            case PrimaryKind.UseSockets:
                builder.UseSocketsHttpHandler();
                break;
            case PrimaryKind.ReEnableRedirects:
                builder.ConfigurePrimaryHttpMessageHandler((handler, _) =>
                {
                    switch (handler)
                    {
                        case SocketsHttpHandler sockets:
                            sockets.AllowAutoRedirect = true;
                            break;
                        case HttpClientHandler classic:
                            classic.AllowAutoRedirect = true;
                            break;
                    }
                });
                break;
        }
    }

    private static void AddResilience(IHttpClientBuilder builder) =>
        builder.AddStandardResilienceHandler(o =>
        {
            // Retries replay the caller's message; no delay keeps the suite fast.
            o.Retry.Delay = TimeSpan.Zero;
            o.Retry.UseJitter = false;
            o.Retry.MaxRetryAttempts = 2;
        });
}
