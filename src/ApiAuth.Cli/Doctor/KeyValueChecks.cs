using ApiAuth.Internal;

namespace ApiAuth.Cli.Doctor;

/// <summary>
/// The key checks applied to a key found in a file (a .env line, appsettings.json, user secrets, launchSettings.json):
/// the same library check as for the environment (<see cref="ApiAuthDiagnostics.CheckKey"/>), plus the two mistakes
/// files add: a literal escape sequence and a carriage return from CRLF line endings.
/// </summary>
internal static class KeyValueChecks
{
    /// <summary>Checks <paramref name="value"/> and adds a result per problem (ids <c>{idPrefix}.{problem}</c>), or one passing result.</summary>
    /// <param name="value">The value as the loader reads it.</param>
    /// <param name="profileId">The ApiAuth profile id of where the key goes.</param>
    /// <param name="baseUrl">Where the key goes, if known.</param>
    /// <param name="subject">How the title names the value ("OPENAI_API_KEY in .env:3").</param>
    /// <param name="template">Category, provider, variable, file and line for every result.</param>
    /// <param name="idPrefix">The id prefix (<c>source.appsettings</c>).</param>
    /// <param name="emptyIsProblem">False where an empty value or a placeholder is normal (a committed appsettings.json): info, not a warning.</param>
    /// <param name="results">Where the results go.</param>
    public static KeyValueOutcome Check(string value, string profileId, Uri? baseUrl, string subject, CheckResult template, string idPrefix, bool emptyIsProblem, List<CheckResult> results)
    {
        CheckResult Result(string suffix, CheckStatus status, string title) => template with { Id = $"{idPrefix}.{suffix}", Status = status, Title = title };

        if (value.Trim().Length == 0)
        {
            results.Add(Result("empty", emptyIsProblem ? CheckStatus.Warn : CheckStatus.Info, $"{subject} is empty") with
            {
                Cause = emptyIsProblem ? nameof(AuthFailureCause.MissingKey) : null,
                Remediation = emptyIsProblem ? "Put the key there, or remove the line so another source can supply it." : null,
                Detail = emptyIsProblem ? null : "Fine as a placeholder, as long as a later source (user secrets, an environment variable) sets the key.",
            });
            return new KeyValueOutcome("(empty)", HoldsKey: false, Failed: false);
        }

        bool failed = false;
        string rest = value;
        if (LiteralEscapes.Find(value) is { } escape)
        {
            failed = true;
            rest = LiteralEscapes.Remove(value);
            results.Add(Result("escape", CheckStatus.Fail, $"{subject} contains a literal {escape.Text} (a backslash and '{escape.Text[1]}') at position {escape.Index + 1}") with
            {
                Cause = nameof(AuthFailureCause.MalformedKey),
                Remediation = $"Remove the {escape.Text} from the value: a key is one line with no backslash. In a quoted .env value, loaders turn it into a real line break and a shell keeps the two characters; either way the key sent is wrong.",
            });
        }

        if (rest.Contains('\r', StringComparison.Ordinal))
        {
            failed = true;
            rest = rest.Replace("\r", string.Empty, StringComparison.Ordinal);
            results.Add(Result("carriage-return", CheckStatus.Fail, $"{subject} contains a carriage return (\\r)") with
            {
                Cause = nameof(AuthFailureCause.MalformedKey),
                Remediation = "The file it came from has Windows (CRLF) line endings and was read by something that keeps them (a shell's `. ./.env`). Convert the file to LF line endings (sed -i 's/\\r$//' <file>) and load it again.",
            });
        }

        KeyCheck check = ApiAuthDiagnostics.CheckKey(rest, profileId, baseUrl);
        CheckResult hinted = template with { KeyHint = check.KeyHint };
        if (check.Failure is { Cause: AuthFailureCause.PlaceholderKey or AuthFailureCause.MissingKey } placeholder && !failed)
        {
            results.Add(hinted with { Id = $"{idPrefix}.placeholder", Status = emptyIsProblem ? CheckStatus.Warn : CheckStatus.Info, Title = $"{subject} is a placeholder, not a key", Cause = emptyIsProblem ? placeholder.Cause.ToString() : null, Remediation = emptyIsProblem ? placeholder.Remediation : null });
            return new KeyValueOutcome(check.KeyHint, HoldsKey: false, Failed: false);
        }

        if (check.Repairs.Count > 0)
        {
            failed = true;
            results.Add(hinted with
            {
                Id = $"{idPrefix}.characters",
                Status = CheckStatus.Fail,
                Title = $"{subject} has stray characters around the key: {string.Join("; ", check.Repairs)}",
                Cause = nameof(AuthFailureCause.MalformedKey),
                Remediation = "Keep the bare key: SDKs send the value as is, and quotes, spaces or a line break make a 401 or an invalid header.",
            });
        }

        if (check.Failure is { } failure)
        {
            failed = true;
            results.Add(hinted with { Id = $"{idPrefix}.refused", Status = CheckStatus.Fail, Title = $"{subject}: {failure.Description}", Cause = failure.Cause.ToString(), Remediation = failure.Remediation });
        }

        if (!failed)
        {
            string what = check.VendorName is { } vendor ? $"{Article.With(vendor)} key" : "a key";
            results.Add(hinted with { Id = $"{idPrefix}.key", Status = CheckStatus.Pass, Title = $"{subject} holds {what} ({CredentialChecks.Unwrap(check.KeyHint)})" });
        }

        return new KeyValueOutcome(check.KeyHint, HoldsKey: true, Failed: failed);
    }
}
