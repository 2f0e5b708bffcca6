using EngagementBot.Dialogs.Consultations;

namespace EngagementBot.Dialogs.Tests.Consultations;

/// <summary>The participant's requests (delete, withdraw, stop, subscribe) and the SMS keywords, FR/EN.</summary>
public sealed class ParticipantCommandTests
{
    [Theory]
    [InlineData("Supprimer mes données", GlobalCommand.Delete)]
    [InlineData("delete my data", GlobalCommand.Delete)]
    [InlineData("Oubliez-moi", GlobalCommand.Delete)]
    [InlineData("Je retire mon consentement.", GlobalCommand.Withdraw)]
    [InlineData("I withdraw my consent", GlobalCommand.Withdraw)]
    [InlineData("ARRÊTER", GlobalCommand.Stop)]
    [InlineData("désabonner", GlobalCommand.Stop)]
    [InlineData("Unsubscribe", GlobalCommand.Stop)]
    [InlineData("m'abonner", GlobalCommand.Subscribe)]
    [InlineData("resubscribe", GlobalCommand.Subscribe)]
    [InlineData("I withdraw", GlobalCommand.None)]
    public void Requests_are_recognized_in_both_languages(string text, GlobalCommand expected) =>
        Assert.Equal(expected, Commands.Detect(text));

    [Theory]
    [InlineData("sms", "STOP", GlobalCommand.Stop)]
    [InlineData("sms", "stopall", GlobalCommand.Stop)]
    [InlineData("sms", "Arrêt", GlobalCommand.Stop)]
    [InlineData("SMS", "end", GlobalCommand.Stop)]
    [InlineData("sms", "START", GlobalCommand.Subscribe)]
    [InlineData("sms", "unstop", GlobalCommand.Subscribe)]
    [InlineData("sms", "Abonner", GlobalCommand.Subscribe)]
    [InlineData("sms", "cancel", GlobalCommand.None)]
    [InlineData("sms", "yes", GlobalCommand.None)]
    [InlineData("sms", "stop the noise", GlobalCommand.None)]
    [InlineData("msteams", "STOP", GlobalCommand.None)]
    [InlineData("directline", "START", GlobalCommand.None)]
    public void Sms_keywords_are_single_words_on_the_sms_channel_only(string channel, string text, GlobalCommand expected) =>
        Assert.Equal(expected, Commands.SmsKeyword(channel, text));
}
