using System.Globalization;
using System.Threading.Channels;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// One embedded Direct Line conversation: a bounded history of stamped activities, a watermark (the sequence
/// number of the last activity) and at most one live stream subscriber. Thread-safe; appends are ordered.
/// </summary>
internal sealed class DirectLineConversation
{
    private readonly object _gate = new();
    private readonly LinkedList<SequencedActivity> _history = new();
    private readonly int _maxHistory;
    private readonly HashSet<string> _knownUsers = new(StringComparer.Ordinal);
    private long _lastSequence;
    private long _lastTouchedTicks;
    private DirectLineStreamSubscription? _subscriber;
    private bool _closed;

    public DirectLineConversation(string id, int maxHistory, DateTimeOffset now)
    {
        Id = id;
        _maxHistory = maxHistory;
        _lastTouchedTicks = now.UtcTicks;
    }

    public string Id { get; }

    /// <summary>Locale the client asked for when it started the conversation, if any.</summary>
    public string? Locale { get; set; }

    /// <summary>The user bound to the conversation's token, or the first user who spoke.</summary>
    public ChannelAccount? User { get; private set; }

    public DateTimeOffset LastTouched => new(Interlocked.Read(ref _lastTouchedTicks), TimeSpan.Zero);

    public bool HasSubscriber
    {
        get
        {
            lock (_gate)
            {
                return _subscriber is not null;
            }
        }
    }

    /// <summary>The current watermark (sequence number of the newest activity, 0 when none).</summary>
    public long Watermark
    {
        get
        {
            lock (_gate)
            {
                return _lastSequence;
            }
        }
    }

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastTouchedTicks, now.UtcTicks);

    /// <summary>Records a user as a member; true when this user was not known yet (a membersAdded is due).</summary>
    public bool AddUser(ChannelAccount user)
    {
        lock (_gate)
        {
            User ??= new ChannelAccount { Id = user.Id, Name = user.Name, Role = RoleTypes.User };
            return user.Id is not null && _knownUsers.Add(user.Id);
        }
    }

    /// <summary>
    /// Gives the activity its id (<c>{conversationId}|{sequence}</c>), keeps it in the history unless it is a
    /// transient typing indicator, and pushes it to the live stream. Returns the id, or null when the
    /// conversation has just expired.
    /// </summary>
    public string? Append(Activity activity)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return null;
            }

            var sequence = ++_lastSequence;
            activity.Id = string.Create(CultureInfo.InvariantCulture, $"{Id}|{sequence:D7}");
            if (!activity.IsType(ActivityTypes.Typing))
            {
                _history.AddLast(new SequencedActivity(sequence, activity));
                while (_history.Count > _maxHistory)
                {
                    _history.RemoveFirst();
                }
            }

            Publish(new SequencedActivity(sequence, activity));
            return activity.Id;
        }
    }

    /// <summary>Replaces a stored activity (keeping its id) and pushes the new version; false when unknown.</summary>
    public bool Replace(string activityId, Activity activity)
    {
        lock (_gate)
        {
            for (var node = _history.First; node is not null; node = node.Next)
            {
                if (node.Value.Activity.Id == activityId)
                {
                    activity.Id = activityId;
                    node.Value = node.Value with { Activity = activity };
                    Publish(new SequencedActivity(_lastSequence, activity));
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Removes a stored activity; false when unknown.</summary>
    public bool Remove(string activityId)
    {
        lock (_gate)
        {
            for (var node = _history.First; node is not null; node = node.Next)
            {
                if (node.Value.Activity.Id == activityId)
                {
                    _history.Remove(node);
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The stored activities newer than <paramref name="watermark"/> and the current watermark.</summary>
    public (IReadOnlyList<Activity> Activities, long Watermark) GetActivitiesAfter(long watermark)
    {
        lock (_gate)
        {
            return (_history.Where(a => a.Sequence > watermark).Select(a => a.Activity).ToList(), _lastSequence);
        }
    }

    /// <summary>
    /// Opens the live stream (closing any previous one: one socket per conversation) and returns, atomically
    /// with it, the backlog newer than <paramref name="watermark"/> so nothing is lost or sent twice.
    /// </summary>
    public (DirectLineStreamSubscription Subscription, IReadOnlyList<SequencedActivity> Backlog) Subscribe(long watermark)
    {
        lock (_gate)
        {
            _subscriber?.Complete();
            var subscription = new DirectLineStreamSubscription();
            if (_closed)
            {
                subscription.Complete();
            }
            else
            {
                _subscriber = subscription;
            }

            return (subscription, _history.Where(a => a.Sequence > watermark).ToList());
        }
    }

    public void Unsubscribe(DirectLineStreamSubscription subscription)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_subscriber, subscription))
            {
                _subscriber = null;
            }
        }

        subscription.Complete();
    }

    /// <summary>Ends the conversation: the stream closes and further appends fail.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _subscriber?.Complete();
            _subscriber = null;
            _history.Clear();
        }
    }

    private void Publish(SequencedActivity item)
    {
        if (_subscriber is { } subscriber && !subscriber.TryPush(item))
        {
            // A client that cannot keep up is disconnected; it reconnects with its watermark and catches up.
            subscriber.Complete();
            _subscriber = null;
        }
    }
}

/// <summary>An activity with the watermark it was appended at.</summary>
internal sealed record SequencedActivity(long Sequence, Activity Activity);

/// <summary>The bounded queue between a conversation and its WebSocket writer.</summary>
internal sealed class DirectLineStreamSubscription
{
    private const int Capacity = 256;

    private readonly Channel<SequencedActivity> _channel = Channel.CreateBounded<SequencedActivity>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<SequencedActivity> Reader => _channel.Reader;

    public bool TryPush(SequencedActivity item) => _channel.Writer.TryWrite(item);

    public void Complete() => _channel.Writer.TryComplete();
}
