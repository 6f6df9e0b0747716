#!/usr/bin/env python3
"""Compile every C# block of README.md against the library, as a user would paste it.

A block fenced as ```csharp is a complete program: it gets a fresh console project of its own (what
`dotnet new console` makes: net10.0, implicit usings, nullable on), with the packages the README's Install
section names. A block fenced as ```csharp fragment is compiled inside the one documented wrapper below: a
method that receives `IServiceCollection services` (with the usings of WRAPPER_USINGS). Warnings are errors.
Exit code 0 when every block compiles.
"""
import os, re, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
blocks = re.findall(r"^```csharp([^\n]*)\n(.*?)^```", readme, flags=re.S | re.M)
if not blocks:
    print("README.md has no C# blocks", file=sys.stderr)
    sys.exit(1)

versions = {}
for item in ET.parse(os.path.join(root, "Directory.Packages.props")).getroot().iter("PackageVersion"):
    versions[item.get("Include")] = item.get("Version")

# What the README's Install section tells a user to add, plus the SDK the Quick start uses.
packages = ["OpenAI", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Http"]
library = os.path.join(root, "src", "ApiAuth", "ApiAuth.csproj")
# The package ships its analyzers (APIAUTH001-005); a ProjectReference does not bring them, so they are added as the
# package would: README blocks are held to the same diagnostics as a user's code.
analyzer = os.path.join(root, "src", "ApiAuth.Analyzers", "ApiAuth.Analyzers.csproj")

WRAPPER_USINGS = """using System.ClientModel;
using System.ClientModel.Primitives;
using ApiAuth;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
"""

def project(directory, files, output="Exe"):
    os.makedirs(directory, exist_ok=True)
    refs = "\n".join(f'    <PackageReference Include="{p}" Version="{versions[p]}" />' for p in packages)
    with open(os.path.join(directory, "Snippet.csproj"), "w") as f:
        f.write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>{output}</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
{refs}
    <ProjectReference Include="{library}" />
    <ProjectReference Include="{analyzer}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>
""")
    for name, text in files.items():
        with open(os.path.join(directory, name), "w", encoding="utf-8") as f:
            f.write(text)

work = tempfile.mkdtemp(prefix="apiauth-readme-")
# Outside the repository, so no Directory.Build.props or central package management applies: a fresh project.
programs, fragments = [], []
for info, code in blocks:
    (fragments if "fragment" in info.split() else programs).append(code)

dirs = []
for i, code in enumerate(programs):
    d = os.path.join(work, f"program{i + 1}")
    project(d, {"Program.cs": code})
    dirs.append((d, f"program block {i + 1}"))

if fragments:
    files = {}
    for i, code in enumerate(fragments):
        body = "\n".join("        " + line if line else "" for line in code.rstrip("\n").split("\n"))
        files[f"Fragment{i + 1}.cs"] = WRAPPER_USINGS + f"""
internal static class Fragment{i + 1}
{{
    public static void Run(IServiceCollection services)
    {{
{body}
    }}
}}
"""
    d = os.path.join(work, "fragments")
    project(d, files, output="Library")
    dirs.append((d, f"{len(fragments)} fragment block(s)"))

failed = 0
for d, label in dirs:
    r = subprocess.run(["dotnet", "build", d, "-nologo", "-clp:ErrorsOnly"], capture_output=True, text=True)
    print(f"README {label}: {'compiles' if r.returncode == 0 else 'FAILS'}")
    if r.returncode != 0:
        failed += 1
        print(r.stdout[-4000:], r.stderr[-2000:])
if failed == 0:
    shutil.rmtree(work, ignore_errors=True)
print(f"README C# blocks: {len(programs)} program(s), {len(fragments)} fragment(s), {failed} project(s) failed")
sys.exit(1 if failed else 0)
