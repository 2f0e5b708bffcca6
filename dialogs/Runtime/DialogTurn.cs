using EngagementBot.Dialogs.Resources;

namespace EngagementBot.Dialogs.Runtime;

/// <summary>One run of the dialog: the input, the state to change, and the replies collected so far.</summary>
public sealed class DialogTurn(DialogInput input, DialogState state)
{
    /// <summary>What the user sent.</summary>
    public DialogInput Input { get; } = input;

    /// <summary>The conversation's state, changed in place and saved after the turn.</summary>
    public DialogState State { get; } = state;

    /// <summary>The language of the replies (a language switch changes it).</summary>
    public string Language { get; set; } = input.Language;

    /// <summary>The id under which <see cref="ParticipantEnrollment"/> stored a newcomer during this turn (this attempt).</summary>
    internal string? EnrolledParticipantId { get; set; }

    /// <summary>Replies in order.</summary>
    public List<DialogReply> Replies { get; } = [];

    /// <summary>A resource text in the turn's language.</summary>
    public string Text(string key) => DialogTexts.Get(key, Language);

    /// <summary>Adds a resource text as a reply.</summary>
    public void Say(string key) => Replies.Add(new TextReply(Text(key)));

    /// <summary>Adds a text reply.</summary>
    public void Reply(string text) => Replies.Add(new TextReply(text));

    /// <summary>Adds a prompt.</summary>
    public void Prompt(PromptReply prompt) => Replies.Add(prompt);

    /// <summary>
    /// Whether the conversation's state must be deleted rather than saved after this turn (the participant's data
    /// was erased: nothing about them may be written back).
    /// </summary>
    public bool StateForgotten { get; private set; }

    /// <summary>Deletes the conversation's state at the end of the turn instead of saving it.</summary>
    public void ForgetState() => StateForgotten = true;
}

/// <summary>Conversation logic run once per turn on the conversation's state.</summary>
public interface IDialog
{
    /// <summary>Handles the turn: reads <see cref="DialogTurn.Input"/>, changes <see cref="DialogTurn.State"/>, adds replies.</summary>
    Task RunAsync(DialogTurn turn, CancellationToken cancellationToken);
}
