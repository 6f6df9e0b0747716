using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// One of a gateway's own auth errors: the rule that recognises it, the header the gateway's own credential travels in, and
/// the remediation when that header did not carry the request's credential (<see cref="NotSentTemplate"/>: the credential
/// ApiAuth saw was the provider's) or did (<see cref="SentTemplate"/>: the gateway's credential itself was refused, which
/// makes a rule's <see cref="AuthFailureCause.MissingKey"/> an <see cref="AuthFailureCause.InvalidKey"/>).
/// </summary>
/// <param name="Rule">The rule that recognises the error.</param>
/// <param name="Header">The header the gateway reads its own credential from.</param>
/// <param name="NotSentTemplate">The remediation when the request's credential was not in <paramref name="Header"/>.</param>
/// <param name="SentTemplate">The remediation when it was.</param>
internal sealed record GatewayOwnError(ErrorRule Rule, string Header, string NotSentTemplate, string SentTemplate);
