using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace ApiAuth.Internal;

/// <summary>
/// Turns the primary handler's own redirects off once every configuration action has run, so it works whatever the order
/// <c>ConfigurePrimaryHttpMessageHandler</c>, <c>UseSocketsHttpHandler</c> and <c>AddApiAuthDiagnostics()</c> were called in:
/// a filter wraps the whole configuration and sees the final primary handler. ApiAuth then follows redirects itself.
/// </summary>
internal sealed class RedirectSafetyFilter : IHttpMessageHandlerBuilderFilter
{
    private readonly RegisteredClients _clients;
    private readonly IServiceProvider _services;

    public RedirectSafetyFilter(RegisteredClients clients, IServiceProvider services)
    {
        _clients = clients;
        _services = services;
    }

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is not { } name || !_clients.Contains(name))
        {
            return;
        }

        RedirectDecision decision = PrimaryHandlerRedirects.Decide(builder.PrimaryHandler, apply: true);
        if (decision.Problem is { } problem)
        {
            // Normally reported at start-up by RedirectSafetyValidator; here when the handler was used between start-up and this build.
            throw new OptionsValidationException(name, typeof(ApiAuthDiagnosticsOptions), [RedirectSafetyValidator.Message(name, problem)]);
        }

        RedirectSetup setup = _services.GetRequiredKeyedService<ClientState>(name).Redirects;
        setup.MaxRedirects = decision.MaxRedirects;
        setup.FollowsRedirects = decision.ApiAuthFollows;
    };
}
