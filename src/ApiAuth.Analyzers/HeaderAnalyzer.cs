using System.Collections.Concurrent;
using System.Collections.Immutable;
using ApiAuth.Internal;
using ApiAuth.Providers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ApiAuth.Analyzers;

/// <summary>
/// APIAUTH002 (<c>Authorization</c> set to a key without a scheme) and APIAUTH005 (a key header sent to a host that never
/// reads it). Both look at one method at a time: the constant URLs in it are the hosts in scope. A method with an unknown
/// host in it (a relay, a gateway, a local server), or that builds a URL or sets RequestUri / BaseAddress from a value
/// that is not a constant, is never judged by host.
/// </summary>
/// <remarks>Public because analyzer hosts discover analyzers by reflection over public types.</remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HeaderAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AuthorizationWithoutScheme, Descriptors.KeyHeaderNotRead);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = WellKnownTypes.From(start.Compilation);
            if (types.HttpHeaders is null && types.AuthenticationHeaderValue is null)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                var scope = new MethodScope(types);
                block.RegisterOperationAction(scope.Collect, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.Literal, OperationKind.FieldReference, OperationKind.SimpleAssignment);
                block.RegisterOperationBlockEndAction(scope.Report);
            });
        });
    }

    /// <summary>What a value put into <c>Authorization</c> is known to be.</summary>
    private enum AuthorizationValue
    {
        /// <summary>Nothing known (or a scheme is visibly there).</summary>
        Unknown,

        /// <summary>A constant without a space: a bare token.</summary>
        BareConstant,

        /// <summary>A value read from an environment variable, a file or the console: a bare key.</summary>
        BareRead,

        /// <summary>A constant that is a known key format.</summary>
        Key,
    }

    /// <summary>The hosts and header writes of one method, judged when the method has been seen whole.</summary>
    private sealed class MethodScope(WellKnownTypes types)
    {
        private readonly ConcurrentQueue<string> _hosts = new();
        private readonly ConcurrentQueue<(IOperation Operation, IOperation Value, bool IsConstructor)> _authorization = new();
        private readonly ConcurrentQueue<(IOperation Name, string Header)> _keyHeaders = new();
        private volatile bool _unknownHost;

        public void Collect(OperationAnalysisContext context)
        {
            switch (context.Operation)
            {
                case IInvocationOperation invocation when invocation.Arguments.Length == 2 && types.IsHeaderAdd(invocation.TargetMethod):
                    // By parameter, not position: Add(value: key, name: "Authorization") is the same call.
                    IOperation? name = ValueFlow.ArgumentFor(invocation.Arguments, 0);
                    IOperation? value = ValueFlow.ArgumentFor(invocation.Arguments, 1);
                    string? header = ValueFlow.ConstantString(name);
                    if (Endpoints.IsAuthorization(header) && value is not null)
                    {
                        _authorization.Enqueue((invocation, value, false));
                    }
                    else if (header is not null && name is not null && Endpoints.IsKeyHeader(header))
                    {
                        _keyHeaders.Enqueue((name, header));
                    }

                    break;
                case IObjectCreationOperation creation when WellKnownTypes.Is(creation.Type, types.Uri):
                    // new Uri(nonConstant): the request may go to a host the method does not name.
                    if (!creation.Arguments.All(static a => IsKnownUriPart(a.Value)))
                    {
                        _unknownHost = true;
                    }

                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "RequestUri" or "BaseAddress" }, Value: var uri }
                    when !IsKnownUriPart(uri):
                    _unknownHost = true;
                    break;
                case IObjectCreationOperation creation
                    when creation.Arguments.Length == 1 && WellKnownTypes.Is(creation.Type, types.AuthenticationHeaderValue):
                    _authorization.Enqueue((creation, creation.Arguments[0].Value, true));
                    break;
                case ILiteralOperation or IFieldReferenceOperation:
                    if (Endpoints.HostOf(ValueFlow.ConstantString(context.Operation)) is { } host)
                    {
                        _hosts.Enqueue(host);
                    }

                    break;
            }
        }

        public void Report(OperationBlockAnalysisContext context)
        {
            if (_authorization.IsEmpty && _keyHeaders.IsEmpty)
            {
                return;
            }

            ProviderEndpoint[]? endpoints = KnownEndpoints();
            LocalIndex? index = _authorization.IsEmpty ? null : LocalIndex.Build(context.OperationBlocks);
            foreach ((IOperation operation, IOperation value, bool isConstructor) in _authorization)
            {
                ReportAuthorization(context, operation, value, isConstructor, endpoints, index!);
            }

            if (endpoints is null)
            {
                return;
            }

            foreach ((IOperation name, string header) in _keyHeaders)
            {
                if (!Array.Exists(endpoints, e => Endpoints.Reads(e, header)))
                {
                    ProviderEndpoint first = endpoints[0];
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.KeyHeaderNotRead,
                        name.Syntax.GetLocation(),
                        header,
                        string.Join(", ", _hosts.Distinct(StringComparer.OrdinalIgnoreCase)),
                        first.DisplayName,
                        Endpoints.DescribePlacements(first)));
                }
            }
        }

        /// <summary>The providers of the method's hosts, or <see langword="null"/> when it has none or an unknown one.</summary>
        private ProviderEndpoint[]? KnownEndpoints()
        {
            if (_hosts.IsEmpty || _unknownHost)
            {
                return null;
            }

            var endpoints = new List<ProviderEndpoint>();
            foreach (string host in _hosts)
            {
                if (Endpoints.ForHost(host) is not { } endpoint)
                {
                    return null;
                }

                if (!endpoints.Contains(endpoint))
                {
                    endpoints.Add(endpoint);
                }
            }

            return endpoints.ToArray();
        }

        private void ReportAuthorization(OperationBlockAnalysisContext context, IOperation operation, IOperation value, bool isConstructor, ProviderEndpoint[]? endpoints, LocalIndex index)
        {
            AuthorizationValue kind = Classify(value, index, out KeyFormat? format);
            string? what = kind switch
            {
                AuthorizationValue.Key => Article.With(format!.VendorName) + " key",
                AuthorizationValue.BareRead or AuthorizationValue.BareConstant
                    when (!isConstructor || kind == AuthorizationValue.BareRead)
                        && endpoints is not null
                        && Array.TrueForAll(endpoints, Endpoints.NeedsSchemeInAuthorization)
                    => "a bare key for " + string.Join(", ", _hosts.Distinct(StringComparer.OrdinalIgnoreCase)),
                _ => null,
            };

            if (what is null)
            {
                return;
            }

            string? fix = isConstructor
                ? "ctor"
                : operation.Parent is IExpressionStatementOperation
                    && WellKnownTypes.Is(((IInvocationOperation)operation).Instance?.Type, types.HttpRequestHeaders)
                    ? "assign"
                    : null;
            ImmutableDictionary<string, string?> properties = fix is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, fix);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AuthorizationWithoutScheme, operation.Syntax.GetLocation(), properties, what));
        }

        private AuthorizationValue Classify(IOperation value, LocalIndex index, out KeyFormat? format)
        {
            format = null;
            IOperation v = Peel(value);
            if (v is ILocalReferenceOperation local && index.For(local.Local) is { Initializer: { } initializer, Reassigned: false })
            {
                v = Peel(initializer);
            }

            if (ValueFlow.ConstantString(v) is { } constant)
            {
                format = KeyLiterals.Match(constant.Trim());
                return format is not null ? AuthorizationValue.Key
                    : constant.Trim().Length > 0 && constant.Trim().IndexOf(' ') < 0 ? AuthorizationValue.BareConstant
                    : AuthorizationValue.Unknown;
            }

            // Not through concatenations or interpolations: "Bearer " + read has its scheme.
            return ValueFlow.SourceOf(v, types, index, composite: false) is not null ? AuthorizationValue.BareRead : AuthorizationValue.Unknown;
        }

        /// <summary>
        /// A constant (a URL's host is collected where the literal stands), another <c>new Uri(…)</c> (judged on its own),
        /// or a URL whose host is written as a constant in front of the variable part (<c>$"https://api.openai.com/v1/models/{model}"</c>).
        /// </summary>
        private static bool IsKnownUriPart(IOperation operation)
        {
            IOperation v = ValueFlow.Unwrap(operation);
            return v.ConstantValue.HasValue || v is IObjectCreationOperation || HasConstantHost(v);
        }

        /// <summary>The constant text the value starts with is a URL whose host is closed by a '/' (so the variable part cannot change it).</summary>
        private static bool HasConstantHost(IOperation value)
        {
            string? leading = value switch
            {
                IInterpolatedStringOperation interpolated when interpolated.Parts.Length > 0 && interpolated.Parts[0] is IInterpolatedStringTextOperation text
                    => ValueFlow.ConstantString(text.Text),
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation => LeadingConstant(concatenation),
                _ => null,
            };
            if (Endpoints.HostOf(leading) is not { } host)
            {
                return false;
            }

            int start = leading!.IndexOf("://", StringComparison.Ordinal) + 3;
            int slash = leading.IndexOf('/', start);
            return slash > start && string.Equals(leading.Substring(start, slash - start), host, StringComparison.OrdinalIgnoreCase);
        }

        private static string? LeadingConstant(IBinaryOperation concatenation)
        {
            IOperation left = ValueFlow.Unwrap(concatenation.LeftOperand);
            return left is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } inner && !left.ConstantValue.HasValue
                ? LeadingConstant(inner)
                : ValueFlow.ConstantString(left);
        }

        /// <summary>Looks through conversions, <c>?? fallback</c> and Trim: none of them adds a scheme.</summary>
        private static IOperation Peel(IOperation value)
        {
            IOperation v = ValueFlow.Unwrap(value);
            while (true)
            {
                switch (v)
                {
                    case ICoalesceOperation coalesce:
                        v = ValueFlow.Unwrap(coalesce.Value);
                        break;
                    case IInvocationOperation { Instance: { } instance } call when ValueFlow.IsTrim(call.TargetMethod):
                        v = ValueFlow.Unwrap(instance);
                        break;
                    case IConditionalAccessOperation { WhenNotNull: IInvocationOperation call, Operation: var operand } when ValueFlow.IsTrim(call.TargetMethod):
                        v = ValueFlow.Unwrap(operand);
                        break;
                    default:
                        return v;
                }
            }
        }
    }
}
