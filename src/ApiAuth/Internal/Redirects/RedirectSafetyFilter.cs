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
    private readonly ClientStateRegistry _states;

    public RedirectSafetyFilter(RegisteredClients clients, ClientStateRegistry states)
    {
        _clients = clients;
        _states = states;
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

        ClientState state = _states.Get(name);
        state.MaxRedirects = decision.MaxRedirects;
        state.FollowsRedirects = decision.ApiAuthFollows;
    };
}
