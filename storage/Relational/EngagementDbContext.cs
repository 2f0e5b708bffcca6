using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EngagementBot.Storage.Relational;

/// <summary>
/// The one EF Core context of the relational stores (SQLite and PostgreSQL). Table and column names are
/// snake_case; timestamps are UTC ticks stored as bigint in both providers, so ordering, precision and
/// hand-written SQL behave the same everywhere.
/// </summary>
internal sealed class EngagementDbContext(DbContextOptions<EngagementDbContext> options) : DbContext(options)
{
    public DbSet<ProjectRow> Projects => Set<ProjectRow>();

    public DbSet<ConsultationRow> Consultations => Set<ConsultationRow>();

    public DbSet<ParticipantRow> Participants => Set<ParticipantRow>();

    public DbSet<SubscriptionRow> Subscriptions => Set<SubscriptionRow>();

    public DbSet<ConversationReferenceRow> ConversationReferences => Set<ConversationReferenceRow>();

    public DbSet<ResponseRow> Responses => Set<ResponseRow>();

    public DbSet<AnswerRow> Answers => Set<AnswerRow>();

    public DbSet<CitizenQuestionRow> CitizenQuestions => Set<CitizenQuestionRow>();

    public DbSet<NotificationRow> Notifications => Set<NotificationRow>();

    public DbSet<DeliveryRow> Deliveries => Set<DeliveryRow>();

    public DbSet<StateRow> State => Set<StateRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<string>().AreUnicode();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProjectRow>(e =>
        {
            e.ToTable("projects");
            e.HasKey(r => r.Slug);
            e.Property(r => r.ETag).IsConcurrencyToken();
        });
        modelBuilder.Entity<ConsultationRow>(e =>
        {
            e.ToTable("consultations");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.ProjectSlug, r.Id });
            e.Property(r => r.ETag).IsConcurrencyToken();
        });
        modelBuilder.Entity<ParticipantRow>(e =>
        {
            e.ToTable("participants");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.ChannelId, r.UserId }).IsUnique();
            e.HasIndex(r => r.AadObjectId);
            e.Property(r => r.ETag).IsConcurrencyToken();
        });
        modelBuilder.Entity<SubscriptionRow>(e =>
        {
            e.ToTable("participant_subscriptions");
            e.HasKey(r => new { r.ParticipantId, r.ProjectSlug, r.Topic });
            e.HasIndex(r => new { r.ProjectSlug, r.Topic, r.ParticipantId });
            e.HasOne<ParticipantRow>().WithMany().HasForeignKey(r => r.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ConversationReferenceRow>(e =>
        {
            e.ToTable("conversation_references");
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.ParticipantId);
            e.Property(r => r.ETag).IsConcurrencyToken();
        });
        modelBuilder.Entity<ResponseRow>(e =>
        {
            e.ToTable("responses");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.ParticipantId, r.ConsultationId }).IsUnique();
            e.HasIndex(r => new { r.ConsultationId, r.Id });
            e.Property(r => r.ETag).IsConcurrencyToken();
        });
        modelBuilder.Entity<AnswerRow>(e =>
        {
            e.ToTable("answers");
            e.HasKey(r => new { r.ResponseId, r.QuestionId });
            e.HasOne<ResponseRow>().WithMany().HasForeignKey(r => r.ResponseId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CitizenQuestionRow>(e =>
        {
            e.ToTable("citizen_questions");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.Status, r.Id });
            e.HasIndex(r => r.ParticipantId);
            e.Property(r => r.ETag).IsConcurrencyToken();
        });
        modelBuilder.Entity<NotificationRow>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.ProjectSlug, r.Id });
            e.Property(r => r.ETag).IsConcurrencyToken();
            e.Property(r => r.Kind).HasDefaultValue("News"); // added by 002_outbox
        });
        modelBuilder.Entity<DeliveryRow>(e =>
        {
            e.ToTable("deliveries");
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.IdempotencyKey).IsUnique();
            e.HasIndex(r => new { r.NotificationId, r.Id });
            e.HasIndex(r => new { r.Status, r.NextAttemptAt });
            e.HasIndex(r => r.ParticipantId); // 002_outbox: the frequency cap counts a participant's recent sends
            e.HasOne<NotificationRow>().WithMany().HasForeignKey(r => r.NotificationId).OnDelete(DeleteBehavior.Cascade);
            e.Property(r => r.ETag).IsConcurrencyToken();
        });
        modelBuilder.Entity<StateRow>(e =>
        {
            e.ToTable("state");
            e.HasKey(r => r.StateKey);
            e.Property(r => r.ETag).IsConcurrencyToken();
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    /// <summary><c>ConsultationId</c> → <c>consultation_id</c>, <c>ETag</c> → <c>etag</c>.</summary>
    internal static string ToSnakeCase(string name)
    {
        if (name == "ETag")
        {
            return "etag";
        }

        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks; reads it back with a zero offset.</summary>
    internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
