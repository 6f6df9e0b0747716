namespace ApiAuth.Hardening.Tests;
public class Smoke { [Fact] public void Works() { } }
