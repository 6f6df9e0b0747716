using Microsoft.Extensions.Options;

namespace ApiAuth.Internal;

/// <summary>The source-generated validator for the data-annotation ranges on <see cref="ApiAuthDiagnosticsOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ApiAuthDiagnosticsOptionsRangeValidator : IValidateOptions<ApiAuthDiagnosticsOptions>
{
}
