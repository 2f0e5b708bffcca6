using EngagementBot.Dialogs.Understanding.Faq;

namespace EngagementBot.Dialogs.Tests.Understanding;

/// <summary>A small FAQ of the Parc des Berges / Riverside Park project (fictional content).</summary>
internal static class RiversideParkFaq
{
    public static IReadOnlyList<FaqEntry> Entries { get; } =
    [
        new("parking", "Le stationnement restera-t-il gratuit?", "Will parking stay free?",
            "Oui, les 120 places du stationnement du chalet resteront gratuites.", "Yes, the 120 spaces of the chalet lot stay free of charge."),
        new("dog-park", "Y aura-t-il une aire d'exercice canin?", "Will there be a dog park?",
            "Une aire clôturée pour chiens sans laisse est prévue, avec une section pour petits chiens.",
            "A fenced off-leash dog area is planned, with a section for small dogs."),
        new("trees", "Des arbres seront-ils coupés?", "Will trees be cut down?",
            "Seuls 6 arbres malades seront abattus; 180 arbres indigènes seront plantés.",
            "Only 6 diseased trees will be removed; 180 native trees will be planted."),
        new("budget", "Combien coûte le projet?", "How much does the project cost?",
            "Le budget total est de 4,2 millions de dollars, dont 40 % en subventions.",
            "The total budget is 4.2 million dollars, 40% of it from grants."),
        new("taxes", "Le projet fera-t-il augmenter les taxes foncières?", "Will the project raise property taxes?",
            "Non, le projet est financé par le programme d'immobilisations existant.",
            "No, the project is funded by the existing capital program."),
        new("washrooms", "Les toilettes seront-elles accessibles?", "Will the washrooms be accessible?",
            "Le chalet aura des toilettes universelles accessibles en fauteuil roulant, ouvertes à l'année.",
            "The chalet will have universal wheelchair-accessible washrooms, open year-round."),
        new("lighting", "Les sentiers seront-ils éclairés la nuit?", "Will the paths be lit at night?",
            "Les sentiers principaux seront éclairés jusqu'à 23 h avec un éclairage à faible intensité.",
            "Main paths will be lit until 11 p.m. with low-intensity lighting."),
        new("hours", "Quelles sont les heures d'ouverture du parc?", "What are the park's opening hours?",
            "Le parc ouvre à 6 h et ferme à 23 h, tous les jours.", "The park opens at 6 a.m. and closes at 11 p.m., every day."),
        new("splash-pad", "Les jeux d'eau seront-ils gratuits?", "Will the splash pad be free?",
            "Oui, les jeux d'eau sont gratuits et ouverts de juin à septembre.", "Yes, the splash pad is free and open from June to September."),
        new("bike-path", "Les vélos électriques seront-ils permis sur la piste cyclable?", "Will e-bikes be allowed on the bike path?",
            "Oui, les vélos à assistance électrique sont permis à 20 km/h maximum.", "Yes, pedal-assist e-bikes are allowed up to 20 km/h."),
        new("closure", "Le parc sera-t-il fermé pendant les travaux?", "Will the park be closed during construction?",
            "Le parc restera partiellement ouvert; les zones de chantier seront clôturées.",
            "The park stays partly open; work zones will be fenced off."),
        new("playground", "Y aura-t-il un nouveau module de jeux?", "Will there be a new playground?",
            "Oui, un module de jeux inclusif pour les 2 à 12 ans remplacera l'ancien.",
            "Yes, an inclusive playground for ages 2 to 12 will replace the old one."),
    ];
}
