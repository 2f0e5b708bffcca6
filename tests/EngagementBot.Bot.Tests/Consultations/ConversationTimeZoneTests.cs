using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Tests.Consultations;

/// <summary>
/// The time zone a client reports with its messages (<c>localTimezone</c>) is kept on the conversation reference, through
/// the real bot over HTTP, so quiet hours follow the participant's own clock: stored on first contact, kept when a
/// message says nothing or names a zone nobody knows, updated when the participant's device moves.
/// </summary>
public sealed class ConversationTimeZoneTests : BotWithChannelTests
{
    [Fact]
    public async Task The_reference_keeps_the_time_zone_the_client_reports_and_follows_its_change()
    {
        var chat = new ConsultationChat(Client, Channel, "fr-CA", Channels.DirectLine);

        (await chat.SendAsync(Say(chat, "abonner", "Europe/Paris"))).Contains("abonné");
        Assert.Equal("Europe/Paris", (await ReferenceAsync(chat)).TimeZone);

        await chat.SendAsync(Say(chat, "aide", timeZone: null));
        Assert.Equal("Europe/Paris", (await ReferenceAsync(chat)).TimeZone);

        await chat.SendAsync(Say(chat, "aide", "Mars/Olympus_Mons"));
        Assert.Equal("Europe/Paris", (await ReferenceAsync(chat)).TimeZone);

        await chat.SendAsync(Say(chat, "aide", "America/Vancouver"));
        Assert.Equal("America/Vancouver", (await ReferenceAsync(chat)).TimeZone);
    }

    [Fact]
    public async Task A_newcomer_whose_client_names_an_unknown_zone_is_stored_without_one()
    {
        var chat = new ConsultationChat(Client, Channel, "en-US", Channels.DirectLine);

        (await chat.SendAsync(Say(chat, "subscribe", new string('x', 40) + "/Nowhere"))).Contains("subscribed");

        Assert.Null((await ReferenceAsync(chat)).TimeZone);
    }

    private Activity Say(ConsultationChat chat, string text, string? timeZone)
    {
        var activity = Activities.Message(Channel.ServiceUrl, text, chat.Locale, Channels.DirectLine, chat.ConversationId);
        activity.LocalTimezone = timeZone;
        return activity;
    }

    private Task<ConversationReferenceRecord> ReferenceAsync(ConsultationChat chat) =>
        StoredReferenceAsync(Channels.DirectLine, chat.ConversationId, chat.UserId);
}
