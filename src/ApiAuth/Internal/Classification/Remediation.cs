using System.Text;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Renders the remediation for a failure from the profile's template (or the default one),
/// filling in the env var, key hint, ids and host that make it specific.
/// </summary>
internal static class Remediation
{
    private static readonly Dictionary<AuthFailureCause, string> Defaults = new()
    {
        [AuthFailureCause.MissingKey] = "No API key reached {Host}. Set {EnvVar} in the process that runs this code (a .env file is not loaded unless your app loads it), or supply the key through ApiAuthDiagnosticsOptions.ApiKey.",
        [AuthFailureCause.PlaceholderKey] = "The key is {Detail}. Put the real key from {KeysUrl} into {EnvVar} and make sure that is what the client reads.",
        [AuthFailureCause.MalformedKey] = "The key contains {Detail}. Copy it again as plain text from {KeysUrl} (not through a document, chat or PDF) and check that {EnvVar} holds exactly one key.",
        [AuthFailureCause.WrongProviderKey] = "The key is {Detail}, but the request goes to {Provider} ({Host}). Use {AProvider} key in {EnvVar}, or point the client at the service that issued this key. The key was not sent.",
        [AuthFailureCause.MalformedAuthorizationHeader] = "The Authorization header has {Detail}. Send it as '{Header}: Bearer <key>': set the key itself, without a scheme, on the client.",
        [AuthFailureCause.WrongHeaderName] = "The key was sent in {Detail}, which {Provider} does not read. Send it in the {Header} header (the provider's SDK does this when you give it the key).",
        [AuthFailureCause.InvalidKey] = "{Provider} does not recognise the key {KeyHint}: it is mistyped, deleted or revoked (keys found in public code are revoked automatically). Compare its last 4 characters with your keys at {KeysUrl}; if it is not listed, create a new key and update {EnvVar}.",
        [AuthFailureCause.ExpiredCredential] = "The credential {KeyHint} has expired. Create or refresh it ({KeysUrl}) and update {EnvVar}; for tokens, make sure the client fetches a new one before expiry.",
        [AuthFailureCause.WrongOrganization] = "The organization does not match the key {KeyHint} ({Detail}). Remove the organization header or set it to the id of the organization the key belongs to.",
        [AuthFailureCause.WrongProject] = "The project does not match the key {KeyHint} ({Detail}). Remove the project header or set it to the id of the project the key was created in.",
        [AuthFailureCause.AccountDisabled] = "The account, organization or resource behind the key {KeyHint} is disabled or refuses this kind of credential. Check its status and billing at {KeysUrl}, or contact {Provider} support quoting request id {RequestId}.",
        [AuthFailureCause.InsufficientPermissions] = "The key {KeyHint} is valid but lacks permission for this operation. Grant the key (or its role) the scope it needs at {KeysUrl}, or use a key with access to this resource.",
        [AuthFailureCause.WrongEndpoint] = "{Detail}",
        [AuthFailureCause.Unknown] = "{Provider} refused the credential without saying why. Check the key {KeyHint} against {KeysUrl}, check that {Host} is the endpoint the key is for, and quote request id {RequestId} to support.",
    };

    /// <summary>Renders the remediation for a cause.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="cause">The cause.</param>
    /// <param name="context">The facts to fill in.</param>
    /// <param name="template">A rule's own template, overriding the profile's.</param>
    /// <returns>The text.</returns>
    public static string Render(ProviderProfile profile, AuthFailureCause cause, RemediationContext context, string? template = null)
    {
        template ??= profile.Remediations.TryGetValue(cause, out string? own) ? own : Defaults[cause];
        template = WithChecklist(template, profile, cause);
        StringBuilder sb = StringBuilderCache.Acquire(template.Length + 160);
        int i = 0;
        while (i < template.Length)
        {
            int open = template.IndexOf('{', i);
            if (open < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }

            int close = template.IndexOf('}', open);
            if (close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }

            sb.Append(template, i, open - i);
            sb.Append(Token(template.AsSpan(open + 1, close - open - 1), profile, cause, context));
            i = close + 1;
        }

        return StringBuilderCache.GetStringAndRelease(sb);
    }

    /// <summary>
    /// The seed's two last checklist items, for every template (built-in, a profile's own, a rule's): the command that tests the
    /// key alone (<see cref="AuthFailureCause.InvalidKey"/>, <see cref="AuthFailureCause.ExpiredCredential"/>,
    /// <see cref="AuthFailureCause.Unknown"/>) and the status page (<see cref="AuthFailureCause.Unknown"/>,
    /// <see cref="AuthFailureCause.AccountDisabled"/>), appended unless the template places the token itself.
    /// </summary>
    private static string WithChecklist(string template, ProviderProfile profile, AuthFailureCause cause)
    {
        bool test = profile.TestCommand is not null
            && cause is AuthFailureCause.InvalidKey or AuthFailureCause.ExpiredCredential or AuthFailureCause.Unknown
            && !template.Contains("{TestCommand}", StringComparison.Ordinal);
        bool status = profile.StatusPage is not null
            && cause is AuthFailureCause.Unknown or AuthFailureCause.AccountDisabled
            && !template.Contains("{StatusPage}", StringComparison.Ordinal);
        return string.Concat(template, test ? TestSentence : null, status ? StatusSentence : null);
    }

    private const string TestSentence = " Test the key alone (paste as is; it reads the key from the variable): {TestCommand}";

    private const string StatusSentence = " Check for an incident at {StatusPage}.";

    private static string Token(ReadOnlySpan<char> name, ProviderProfile profile, AuthFailureCause cause, RemediationContext context) => name switch
    {
        "EnvVar" => profile.KeyEnvironmentVariables.Length > 0 ? profile.KeyEnvironmentVariables[0] : "the variable that holds your key",
        "KeyHint" => context.KeyHint ?? "(none sent)",
        "KeysUrl" => profile.KeysUrl ?? "the provider's dashboard",
        "Organization" => context.Organization is null ? "none sent" : $"'{SafeId(context.Organization)}'",
        "Project" => context.Project is null ? "none sent" : $"'{SafeId(context.Project)}'",
        "Host" => context.Host ?? "the server",
        "Provider" => profile.DisplayName,
        "AProvider" => Article.With(profile.DisplayName),
        "RequestId" => context.RequestId ?? "(see the response headers)",
        "Detail" => context.Detail ?? AuthFailureText.Describe(cause),
        "Header" => context.Header ?? profile.KeyHeader,
        "TestCommand" => TestCommand(profile, context),
        "StatusPage" => profile.StatusPage ?? "the provider's status page",
        _ => string.Concat("{", name, "}"),
    };

    /// <summary>The profile's test command with the request's host filled in; the key is never in it, only its variable.</summary>
    private static string TestCommand(ProviderProfile profile, RemediationContext context)
    {
        if (profile.TestCommand is not { } command)
        {
            return "a request to the provider's cheapest authenticated endpoint with the same key";
        }

        return command.Contains("{Host}", StringComparison.Ordinal)
            ? command.Replace("{Host}", context.Host is { Length: > 0 } host && IsHostName(host) ? host : "<your-resource>.openai.azure.com", StringComparison.Ordinal)
            : command;
    }

    /// <summary>A host goes into a shell line only when it is a plain host name: nothing a shell would interpret.</summary>
    private static bool IsHostName(string host)
    {
        foreach (char c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An id is shown as is, unless it looks like a secret (someone put a key where an id goes): then only its hint.</summary>
    private static string SafeId(string id) =>
        id.Length > 48 || KeyFormats.Match(id) is { Unmistakable: true } || id.StartsWith("sk-", StringComparison.Ordinal) ? KeyHint.For(id) : id;

    /// <summary>
    /// Renders the remediation for an upstream error a gateway wrapped (issue 14 §2), saying whose credential failed. When the
    /// caller's own key was forwarded, the upstream's own remediation follows a sentence naming the gateway; when the gateway
    /// used a key it holds, the text says the caller's key was accepted and where the gateway's upstream key is fixed.
    /// </summary>
    /// <param name="hostProfile">The profile of the host that was called.</param>
    /// <param name="upstream">The wrapped upstream error.</param>
    /// <param name="cause">The cause read from the upstream's error.</param>
    /// <param name="context">The facts to fill in (key hint of the key sent, host, request id, redacted detail).</param>
    /// <param name="forwarded">Whether the key the caller sent is the key the upstream refused.</param>
    /// <param name="template">A rule's or the echo judge's own template for the upstream, if any.</param>
    /// <returns>The text.</returns>
    public static string RenderUpstream(ProviderProfile hostProfile, UpstreamError upstream, AuthFailureCause cause, RemediationContext context, bool forwarded, string? template)
    {
        UpstreamProvider up = upstream.Upstream;
        Gateway gateway = upstream.Gateway;
        if (forwarded)
        {
            string lead = FillUpstream(ForwardedLead, gateway, up, cause);
            return up.Profile is { } own
                ? Render(own, cause, context, lead + (template ?? TemplateFor(own, cause)))
                : Render(hostProfile, cause, context, FillUpstream(ForwardedUnprofiled, gateway, up, cause));
        }

        return Render(up.Profile ?? hostProfile, cause, context, FillUpstream(HeldByGateway, gateway, up, cause) + " " + FillUpstream(gateway.HeldKeyFix, gateway, up, cause));
    }

    private const string ForwardedLead = "{Gateway} at {Host} passed your key to {Upstream}, which refused it. ";

    private const string ForwardedUnprofiled = "{Gateway} at {Host} passed your key {KeyHint} to {Upstream}, which refused it: {UpstreamCause}. Check it against the keys {Upstream} issued ({UpstreamKeys}) and update the variable your client reads.";

    private const string HeldByGateway = "{CallerKey} {KeyHint} was accepted; {Upstream} refused the credential {GatewayShort} used for it upstream: {UpstreamCause}.";

    private static string TemplateFor(ProviderProfile profile, AuthFailureCause cause) =>
        profile.Remediations.TryGetValue(cause, out string? own) ? own : Defaults[cause];

    /// <summary>The cause said of a credential that is not the caller's ("it has expired"); <c>{Detail}</c> is filled later.</summary>
    private static string UpstreamCauseWords(AuthFailureCause cause) => cause switch
    {
        AuthFailureCause.InvalidKey => "the key is invalid (mistyped, deleted or revoked)",
        AuthFailureCause.ExpiredCredential => "the credential has expired",
        AuthFailureCause.AccountDisabled => "the account or organization behind the key is disabled",
        AuthFailureCause.InsufficientPermissions => "the key is valid but not allowed this model or operation",
        AuthFailureCause.WrongProviderKey => "it is not a key for {Upstream}: it is {Detail}",
        AuthFailureCause.WrongEndpoint => "the key does not belong to the endpoint or resource called (check the configured base address and region too)",
        AuthFailureCause.PlaceholderKey => "the key is {Detail}, not a real key",
        AuthFailureCause.MalformedKey => "the key contains {Detail}",
        AuthFailureCause.MissingKey => "no key for {Upstream} was sent",
        AuthFailureCause.WrongOrganization => "the organization configured with the key does not match it",
        AuthFailureCause.WrongProject => "the project configured with the key does not match it",
        AuthFailureCause.MalformedAuthorizationHeader or AuthFailureCause.WrongHeaderName => "the key was not sent the way {Upstream} reads it",
        _ => "it did not say why",
    };

    /// <summary>Fills the gateway and upstream tokens; what remains (<c>{KeyHint} {Host} {Detail}</c>) is filled by <see cref="Render"/>.</summary>
    private static string FillUpstream(string template, Gateway gateway, UpstreamProvider upstream, AuthFailureCause cause) =>
        template
            .Replace("{UpstreamCause}", UpstreamCauseWords(cause), StringComparison.Ordinal)
            .Replace("{GatewayShort}", gateway.ShortName, StringComparison.Ordinal)
            .Replace("{Gateway}", gateway.Name, StringComparison.Ordinal)
            .Replace("{CallerKey}", char.ToUpperInvariant(gateway.CallerKeyName[0]) + gateway.CallerKeyName[1..], StringComparison.Ordinal)
            .Replace("{UpstreamKeys}", upstream.KeysUrl, StringComparison.Ordinal)
            .Replace("{TheUpstreamKey}", upstream.IsNamed ? "the " + upstream.DisplayName + " key" : "the upstream key", StringComparison.Ordinal)
            .Replace("{TheUpstreamCredential}", upstream.IsNamed ? "the " + upstream.DisplayName + " credential" : "the upstream credential", StringComparison.Ordinal)
            .Replace("{Upstream}", upstream.DisplayName, StringComparison.Ordinal);
}
