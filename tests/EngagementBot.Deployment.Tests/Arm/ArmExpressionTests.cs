namespace EngagementBot.Deployment.Tests.Arm;

public sealed class ArmExpressionTests
{
    [Fact]
    public void Nested_calls_properties_and_indexes_are_parsed()
    {
        var node = ArmExpression.Parse("[reference(resourceId('Microsoft.DocumentDB/databaseAccounts', variables('names')[0]), '2024-05-15').writeLocations[0].locationName]");
        Assert.Equal("reference(resourceId('Microsoft.DocumentDB/databaseAccounts', variables('names')[0]), '2024-05-15').writeLocations[0].locationName", node.Canonical);
        Assert.Equal(["reference", "resourceId", "variables"], node.Calls().Select(c => c.Name));
    }

    [Fact]
    public void Brackets_and_escaped_quotes_inside_strings_are_text()
    {
        var call = Assert.IsType<ArmCall>(ArmExpression.Parse("[concat('a[b]', 'it''s', parameters('x'))]"));
        Assert.Equal(["a[b]", "it's"], call.Arguments.Take(2).Cast<ArmString>().Select(s => s.Value));
        Assert.Equal("x", call.Calls().Single(c => c.Name == "parameters").LiteralArgument);
    }

    [Fact]
    public void Lambdas_are_parsed()
    {
        var node = ArmExpression.Parse("[map(parameters('origins'), o => toLower(o))]");
        Assert.Equal(["map", "parameters", "toLower"], node.Calls().Select(c => c.Name));
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("[[escaped literal]")]
    public void Literals_are_not_expressions(string text) => Assert.False(ArmExpression.IsExpression(text));

    [Theory]
    [InlineData("[concat('a', 'b']")]
    [InlineData("[parameters('x'))]")]
    [InlineData("[parameters('x)]")]
    [InlineData("[variables('a')[0]")]
    [InlineData("[a.]")]
    public void Malformed_expressions_are_refused(string text) => Assert.Throws<ArmExpressionException>(() => ArmExpression.Parse(text));
}
