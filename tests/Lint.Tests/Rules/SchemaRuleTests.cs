namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>schema</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class SchemaRuleTests() : RuleFixtureTest("schema");
