#!/usr/bin/env bash
# Issue 16, done when: a new console app that references the packed ApiAuth package gets an APIAUTH warning on a line
# that assigns a full-length key literal (APIAUTH001) and on a line that adds an Authorization header without a scheme
# (APIAUTH002), and none on the clean version of the same code. Exits non-zero if either expectation fails.
# .ci/run runs it after the tests (15-45 s on the 2-core machine once the Release build is done).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d /tmp/apiauth-analyzer-smoke.XXXXXX)
version="1.0.0-smoke.$(date +%Y%m%d%H%M%S).$$"
packages_root=${NUGET_PACKAGES:-$HOME/.nuget/packages}
cleanup() { rm -rf "$work" "$packages_root/apiauth/$version"; }
trap cleanup EXIT

echo "== pack ApiAuth $version"
dotnet pack src/ApiAuth -c Release -o "$work/packages" -p:PackageVersion="$version" -nologo -v:q
python3 - "$work/packages/ApiAuth.$version.nupkg" <<'PY' || { echo "FAIL: the analyzers are not (only) in analyzers/dotnet/cs"; exit 1; }
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
wanted = ["analyzers/dotnet/cs/ApiAuth.Analyzers.dll", "analyzers/dotnet/cs/ApiAuth.Analyzers.CodeFixes.dll"]
for name in wanted:
    print("   ", name, "present" if name in names else "MISSING")
stray = [n for n in names if n.startswith("lib/") and "Analyzers" in n]
for name in stray:
    print("    also under lib/:", name)
sys.exit(0 if all(w in names for w in wanted) and not stray else 1)
PY

# A fresh console app outside the repository: empty Directory.Build.props / Directory.Packages.props beside it stop any
# props from above applying; the nuget.config adds the temp folder to the machine's usual sources.
app="$work/app"
mkdir -p "$app"
echo "<Project />" > "$work/Directory.Build.props"
echo "<Project />" > "$work/Directory.Packages.props"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="apiauth-smoke" value="$work/packages" />
  </packageSources>
</configuration>
XML
cat > "$app/Smoke.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ApiAuth" Version="$version" />
  </ItemGroup>
</Project>
XML

# A full-length key of OpenAI's project-key shape, random, made here: never a literal in the repository.
key=$(python3 -c 'import random, string; r = random.SystemRandom(); a = string.ascii_letters + string.digits; print("sk-" + "proj-" + "".join(r.choice(a) for _ in range(140)))')

cat > "$app/Program.cs" <<CS
var key = "$key";
using var client = new HttpClient { BaseAddress = new Uri("https://api.openai.com/v1/") };
client.DefaultRequestHeaders.Add("Authorization", key);
Console.WriteLine(client.DefaultRequestHeaders.Count());
CS

status=0
echo "== build the app with a key literal (line 1) and Authorization without a scheme (line 3)"
out=$(dotnet build "$app" --no-incremental -nologo -p:TreatWarningsAsErrors=false 2>&1) || { echo "$out"; echo "FAIL: the build failed"; exit 1; }
echo "$out" | grep -E "warning APIAUTH" | sed "s|$work|\$WORK|g" | sort -u
echo "$out" | grep -qE "Program\.cs\(1,[0-9]+\): warning APIAUTH001" || { echo "FAIL: no APIAUTH001 on line 1"; status=1; }
echo "$out" | grep -qE "Program\.cs\(3,[0-9]+\): warning APIAUTH002" || { echo "FAIL: no APIAUTH002 on line 3"; status=1; }

cat > "$app/Program.cs" <<'CS'
using System.Net.Http.Headers;

var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set OPENAI_API_KEY to your OpenAI API key.");
using var client = new HttpClient { BaseAddress = new Uri("https://api.openai.com/v1/") };
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
Console.WriteLine(client.DefaultRequestHeaders.Count());
CS

echo "== build the clean version of the same code"
out=$(dotnet build "$app" --no-incremental -nologo -p:TreatWarningsAsErrors=false 2>&1) || { echo "$out"; echo "FAIL: the clean build failed"; exit 1; }
echo "$out" | grep -E "Warning\(s\)|Error\(s\)" || true
if echo "$out" | grep -qE "APIAUTH|CS8032|AD0001"; then
  echo "$out" | grep -E "APIAUTH|CS8032|AD0001" | sed "s|$work|\$WORK|g" | sort -u
  echo "FAIL: the clean version has APIAUTH (or analyzer load) warnings"
  status=1
fi

if [ "$status" -eq 0 ]; then echo "analyzer smoke: PASS"; else echo "analyzer smoke: FAIL"; fi
exit "$status"
