using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline.Pii;
using EngagementBot.Analytics.Tests.Support;

namespace EngagementBot.Analytics.Tests.Pii;

/// <summary>Each kind of personal data, SIN checksums and the redaction format.</summary>
public sealed class PiiRecognitionTests
{
    [Theory]
    [InlineData("Écrivez à jean.tremblay+parc@ville.qc.ca.", "jean.tremblay+parc@ville.qc.ca")]
    [InlineData("contact: K.OBrien@Example.com please", "K.OBrien@Example.com")]
    public void Emails(string text, string expected) => AssertSingle(text, PiiCategory.Email, expected);

    [Theory]
    [InlineData("Appelez-moi au 514-555-0199 svp", "514-555-0199")]
    [InlineData("Call (438) 555-0191 anytime", "(438) 555-0191")]
    [InlineData("Reach me at +1 819 555 0177.", "+1 819 555 0177")]
    [InlineData("Mon cell: 514.555.0199", "514.555.0199")]
    [InlineData("texto 5145550199 merci", "5145550199")]
    [InlineData("joignable au 06 12 34 56 78 en France", "06 12 34 56 78")]
    [InlineData("WhatsApp +33 6 98 76 54 32 if needed", "+33 6 98 76 54 32")]
    [InlineData("Tél. 01.23.45.67.89", "01.23.45.67.89")]
    [InlineData("au +33 (0)6 12 34 56 78", "+33 (0)6 12 34 56 78")]
    public void Phone_numbers_in_north_american_and_french_formats(string text, string expected) => AssertSingle(text, PiiCategory.PhoneNumber, expected);

    [Theory]
    [InlineData("Mon code postal c'est G1R 5M3.", "G1R 5M3")]
    [InlineData("Sarah, h2t1x9, opposed", "h2t1x9")]
    [InlineData("Ottawa K1A-0B1", "K1A-0B1")]
    [InlineData("Je vis à 69002 Lyon la moitié de l'année.", "69002 Lyon")]
    [InlineData("résidence à 42000 Saint-Étienne cet été", "42000 Saint-Étienne")]
    public void Postal_codes_canadian_and_french(string text, string expected) => AssertSingle(text, PiiCategory.PostalCode, expected);

    [Theory]
    [InlineData("D1A 1A1 is not a valid code")]
    [InlineData("On a planté 12000 arbres et 200 bancs.")]
    [InlineData("Le projet coûte 2 M$ pour 200 mètres de sentier, ouvert de 8h à 17h.")]
    [InlineData("I live on Birch Street near the park.")]
    public void Look_alikes_are_not_personal_data(string text) => Assert.Empty(Analyzer.Pii(text).Entities);

    [Theory]
    [InlineData("046 454 286", true)]
    [InlineData("046-454-286", true)]
    [InlineData("046454286", true)]
    [InlineData("130 692 544", true)]
    [InlineData("123 456 789", false)]
    [InlineData("287 654 325", false)]
    [InlineData("046 454 287", false)]
    [InlineData("846 454 286", false)]
    [InlineData("12 345 678", false)]
    public void Sin_checksum(string number, bool valid) => Assert.Equal(valid, SinChecksum.IsValid(number));

    [Fact]
    public void Valid_sin_is_found_and_invalid_nine_digits_are_not()
    {
        AssertSingle("Voici le numéro 046 454 286 pour vérifier.", PiiCategory.SocialInsuranceNumber, "046 454 286");
        Assert.Empty(Analyzer.Pii("Dossier 123 456 789 à traiter.").Entities);
    }

    [Fact]
    public void A_number_the_writer_calls_their_sin_is_found_even_with_a_bad_checksum()
    {
        var entity = AssertSingle("Here's my SIN, 287 654 325, so you know I'm real.", PiiCategory.SocialInsuranceNumber, "287 654 325");
        Assert.True(entity.Confidence < 0.9);
    }

    [Theory]
    [InlineData("J'habite au 1234 rue Sainte-Catherine Est et j'ai une auto.", "1234 rue Sainte-Catherine Est")]
    [InlineData("Je suis au 33, chemin du Ruisseau.", "33, chemin du Ruisseau")]
    [InlineData("devant chez moi au 2210 boulevard de la Rivière, tous les dimanches", "2210 boulevard de la Rivière")]
    [InlineData("I'm at 207 Riverside Drive and my driveway is blocked.", "207 Riverside Drive")]
    [InlineData("Send it to 85 Willow Crescent.", "85 Willow Crescent")]
    public void Street_addresses_in_french_and_english(string text, string expected) => AssertSingle(text, PiiCategory.Address, expected);

    [Theory]
    [InlineData("Je m'appelle Marc-André Côté, j'utilise le sentier.", "Marc-André Côté")]
    [InlineData("My name is David Thompson and I live nearby.", "David Thompson")]
    [InlineData("Émilie Roy ici. J'aime l'idée.", "Émilie Roy")]
    [InlineData("Bonjour, c'est Julie qui écrit pour la corvée.", "Julie")]
    [InlineData("Hi, I'm Jessica Robinson, mom of twins.", "Jessica Robinson")]
    [InlineData("C'est encore moi, Martine Lalonde. Pas de parc à chiens!", "Martine Lalonde")]
    public void Self_introduced_names(string text, string expected) => AssertSingle(text, PiiCategory.PersonName, expected);

    [Fact]
    public void A_signature_next_to_contact_details_is_a_name()
    {
        var result = Analyzer.Pii("Please add me to the list: Michael Chen, 604-555-0112.");
        Assert.Contains(result.Entities, e => e.Category == PiiCategory.PersonName && e.Text == "Michael Chen");
        Assert.Contains(result.Entities, e => e.Category == PiiCategory.PhoneNumber && e.Text == "604-555-0112");
    }

    [Theory]
    [InlineData("I'm Canadian and proud of Riverside Park.")]
    [InlineData("This is Riverside Park, not a parking lot.")]
    [InlineData("Bravo la Ville, Parc des Berges est superbe.")]
    public void Capitalised_words_without_an_introduction_are_not_names(string text) =>
        Assert.DoesNotContain(Analyzer.Pii(text).Entities, e => e.Category == PiiCategory.PersonName);

    [Fact]
    public void Redaction_replaces_each_span_with_its_placeholder()
    {
        var text = "Je m'appelle Julie Tremblay, 514-555-0199, julie.t@exemple.ca, au 77 rue du Moulin, H2X 1Y4. NAS 046 454 286.";
        var result = Analyzer.Pii(text);
        Assert.Equal("Je m'appelle [NAME], [PHONE], [EMAIL], au [ADDRESS], [POSTAL_CODE]. NAS [SIN].", result.RedactedText);
        Assert.All(result.Entities, e => Assert.Equal(e.Text, text.Substring(e.Offset, e.Length)));
        Assert.Equal(result.Entities.OrderBy(e => e.Offset).Select(e => e.Offset), result.Entities.Select(e => e.Offset));
    }

    [Fact]
    public void Text_without_personal_data_is_returned_unchanged()
    {
        var result = Analyzer.Pii("Les jeux d'eau, c'est une excellente idée.");
        Assert.Empty(result.Entities);
        Assert.Equal("Les jeux d'eau, c'est une excellente idée.", result.RedactedText);
    }

    private static PiiEntity AssertSingle(string text, PiiCategory category, string expected)
    {
        var entities = Analyzer.Pii(text).Entities;
        var entity = Assert.Single(entities);
        Assert.Equal(category, entity.Category);
        Assert.Equal(expected, entity.Text);
        Assert.Equal(expected, text.Substring(entity.Offset, entity.Length));
        return entity;
    }
}
