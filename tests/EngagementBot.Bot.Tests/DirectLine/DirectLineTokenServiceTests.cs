using EngagementBot.Bot.DirectLine;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Tests.DirectLine;

/// <summary>The signed, expiring, conversation-bound Direct Line tokens.</summary>
public sealed class DirectLineTokenServiceTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly DirectLineTokenService _tokens;

    public DirectLineTokenServiceTests() =>
        _tokens = new DirectLineTokenService(_time, Options.Create(new DirectLineOptions { TokenLifetimeSeconds = 600 }));

    [Fact]
    public void A_token_carries_its_conversation_and_user()
    {
        var token = _tokens.IssueConversationToken("conv-1", "user|é.1");

        var check = _tokens.Validate(token, DirectLineTokenPurpose.Conversation);

        Assert.Equal(new DirectLineTokenCheck(DirectLineTokenStatus.Valid, "conv-1", "user|é.1"), check);
    }

    [Fact]
    public void A_token_expires_after_its_lifetime()
    {
        var token = _tokens.IssueConversationToken("conv-1", null);
        _time.Advance(TimeSpan.FromSeconds(599));
        var before = _tokens.Validate(token, DirectLineTokenPurpose.Conversation).Status;
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = _tokens.Validate(token, DirectLineTokenPurpose.Conversation).Status;

        Assert.Equal(DirectLineTokenStatus.Valid, before);
        Assert.Equal(DirectLineTokenStatus.Expired, after);
    }

    [Fact]
    public void A_token_from_another_process_or_tampered_is_invalid()
    {
        var other = new DirectLineTokenService(_time, Options.Create(new DirectLineOptions()));
        var token = _tokens.IssueConversationToken("conv-1", null);
        var parts = token.Split('.');
        parts[2] = "Y29udi0y"; // "conv-2"
        var tampered = string.Join('.', parts);

        Assert.Equal(DirectLineTokenStatus.Invalid, other.Validate(token, DirectLineTokenPurpose.Conversation).Status);
        Assert.Equal(DirectLineTokenStatus.Invalid, _tokens.Validate(tampered, DirectLineTokenPurpose.Conversation).Status);
        Assert.Equal(DirectLineTokenStatus.Invalid, _tokens.Validate("garbage", DirectLineTokenPurpose.Conversation).Status);
        Assert.Equal(DirectLineTokenStatus.Invalid, _tokens.Validate(null, DirectLineTokenPurpose.Conversation).Status);
    }

    [Fact]
    public void Stream_and_conversation_tokens_are_not_interchangeable()
    {
        var stream = _tokens.IssueStreamToken("conv-1", null);
        var conversation = _tokens.IssueConversationToken("conv-1", null);

        Assert.Equal(DirectLineTokenStatus.Invalid, _tokens.Validate(stream, DirectLineTokenPurpose.Conversation).Status);
        Assert.Equal(DirectLineTokenStatus.Invalid, _tokens.Validate(conversation, DirectLineTokenPurpose.Stream).Status);
        Assert.Equal(DirectLineTokenStatus.Valid, _tokens.Validate(stream, DirectLineTokenPurpose.Stream).Status);
    }
}
