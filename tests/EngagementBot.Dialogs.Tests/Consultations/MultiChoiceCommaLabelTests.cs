using EngagementBot.Dialogs.Consultations;
using EngagementBot.Storage.Domain;
using FsCheck;
using FsCheck.Fluent;

namespace EngagementBot.Dialogs.Tests.Consultations;

/// <summary>Multi-choice and ranking answers whose option labels contain commas, semicolons or "and"/"et".</summary>
public sealed class MultiChoiceCommaLabelTests
{
    private static readonly MultiChoiceQuestion Places = new()
    {
        Id = "places",
        Prompt = new("Lieux?", "Places?"),
        Options =
        [
            new("parks", new("Parcs, sentiers", "Parks, trails")),
            new("river", new("Rivière", "River")),
            new("trails", new("Sentiers", "Trails")),
            new("shops", new("Commerces et cafés", "Shops and cafés")),
        ],
    };

    [Theory]
    [InlineData("Parks, trails", new[] { "parks" })]
    [InlineData("1, 3", new[] { "parks", "trails" })]
    [InlineData("Parks, trails, 3", new[] { "parks", "trails" })]
    [InlineData("parcs, sentiers et rivière", new[] { "parks", "river" })]
    [InlineData("River, Parks, trails", new[] { "river", "parks" })]
    [InlineData("Shops and cafés, river", new[] { "shops", "river" })]
    [InlineData("commerces et cafes; parcs, sentiers", new[] { "shops", "parks" })]
    [InlineData("trails, river", new[] { "trails", "river" })]
    [InlineData("1 2 4", new[] { "parks", "river", "shops" })]
    public void Labels_with_commas_are_read_before_the_list_is_split(string text, string[] expected)
    {
        var parsed = AnswerParser.Parse(Places, text, "en");
        Assert.True(parsed.Value is MultiChoiceAnswer, parsed.Error);
        Assert.Equal(expected, ((MultiChoiceAnswer)parsed.Value!).OptionIds);
    }

    [Theory]
    [InlineData("Parks, trails, moon", "«moon» is not one of the options")]
    [InlineData("Parks, trails, 1", "each option can only be given once")]
    public void A_wrong_part_is_named_in_the_error(string text, string error)
    {
        var parsed = AnswerParser.Parse(Places, text, "en");
        Assert.Null(parsed.Value);
        Assert.Contains(error, parsed.Error, StringComparison.Ordinal);
    }

    private static Gen<T[]> ListOf<T>(Gen<T> gen, int min, int max) =>
        from n in Gen.Choose(min, max) from items in Gen.ArrayOf(gen, n) select items;

    [Fact]
    public void Any_pick_of_generated_labels_with_commas_joined_by_any_separator_reads_back_as_the_picked_options()
    {
        // Labels: a unique marker word, then words joined by commas, "and", "et" or spaces (unambiguous by construction).
        var word = Gen.Elements("parc", "trail", "river", "bench", "shade", "café", "jeux", "eau", "lights", "bike", "dog", "north", "sud");
        var joiner = Gen.Elements(", ", " and ", " et ", " ", "; ");
        var label = from words in ListOf(word, 1, 4)
                    from joins in ListOf(joiner, 3, 3)
                    select string.Concat(words.Select((w, i) => (i == 0 ? string.Empty : joins[i - 1]) + w));
        var question = from labels in ListOf(label, 2, 6)
                       select new MultiChoiceQuestion
                       {
                           Id = "q",
                           Prompt = new("Q?", "Q?"),
                           Options = [.. labels.Select((l, i) => new QuestionOption($"o{i}", new($"zone{i}, {l}", $"zone{i} {l}")))],
                       };
        var cases = from q in question
                    from order in Gen.Shuffle(Enumerable.Range(0, q.Options.Count).ToArray())
                    from count in Gen.Choose(1, q.Options.Count)
                    from asNumber in ListOf(Gen.Elements(true, false), q.Options.Count, q.Options.Count)
                    from inFrench in ListOf(Gen.Elements(true, false), q.Options.Count, q.Options.Count)
                    from separators in ListOf(Gen.Elements(", ", ",", " ; ", " and ", " et "), q.Options.Count, q.Options.Count)
                    select (q, order.Take(count).ToArray(), asNumber, inFrench, separators);

        foreach (var (q, picked, asNumber, inFrench, separators) in Gen.Sample(cases, 300, new Rnd(20261122UL), 20))
        {
            var parts = picked.Select((index, k) => asNumber[k]
                ? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : inFrench[k] ? q.Options[index].Label.Fr : q.Options[index].Label.En).ToList();
            var text = string.Concat(parts.Select((p, k) => (k == 0 ? string.Empty : separators[k]) + p));
            var parsed = AnswerParser.Parse(q, text, "en");
            Assert.True(parsed.Value is MultiChoiceAnswer, $"«{text}» was refused: {parsed.Error}");
            Assert.Equal(picked.Select(i => q.Options[i].Id), ((MultiChoiceAnswer)parsed.Value!).OptionIds);
        }
    }
}
