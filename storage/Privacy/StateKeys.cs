namespace EngagementBot.Storage;

/// <summary>
/// The state keys of a conversation and a user (Bot Builder's layout). The turn pipeline must build its state keys
/// with these so that erasure finds them.
/// </summary>
public static class StateKeys
{
    /// <summary>Conversation state: <c>{channel}/conversations/{conversation}</c>.</summary>
    public static string Conversation(string channelId, string conversationId) => $"{channelId}/conversations/{conversationId}";

    /// <summary>User state: <c>{channel}/users/{user}</c>.</summary>
    public static string User(string channelId, string userId) => $"{channelId}/users/{userId}";

    /// <summary>Private conversation state: <c>{channel}/conversations/{conversation}/users/{user}</c>.</summary>
    public static string PrivateConversation(string channelId, string conversationId, string userId) => $"{channelId}/conversations/{conversationId}/users/{userId}";

    /// <summary>
    /// Dialog state of one user in one conversation: <c>{channel}/conversations/{conversation}/users/{user}/dialog</c>
    /// (the dialog runner's key; kept here so that erasure finds it).
    /// </summary>
    public static string Dialog(string channelId, string conversationId, string userId) => PrivateConversation(channelId, conversationId, userId) + "/dialog";

    /// <summary>
    /// Every state key that holds the participant's data: user state, and for each of their conversations the private
    /// conversation and dialog state and — for one-to-one conversations (<c>personal</c>, or no type given) — the conversation state.
    /// </summary>
    public static IReadOnlyList<string> OfParticipant(Domain.Participant participant, IEnumerable<Domain.ConversationReferenceRecord> references)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(references);
        var keys = new List<string> { User(participant.ChannelId, participant.UserId) };
        foreach (var reference in references)
        {
            keys.Add(User(reference.ChannelId, reference.UserId));
            keys.Add(PrivateConversation(reference.ChannelId, reference.ConversationId, reference.UserId));
            keys.Add(Dialog(reference.ChannelId, reference.ConversationId, reference.UserId));
            if (reference.ConversationType is null or "personal")
            {
                keys.Add(Conversation(reference.ChannelId, reference.ConversationId));
            }
        }

        return keys.Distinct(StringComparer.Ordinal).ToList();
    }
}
