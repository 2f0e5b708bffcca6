using System.Collections.Frozen;

namespace EngagementBot.Dialogs.Understanding.Text;

/// <summary>
/// Small FR/EN word lists for concepts the intents hinge on (a park amenity or topic, an unrelated city
/// service or small talk, a public event, erasing data), matched on stems. Like the list entities of NLU
/// tools, they let the model generalise from "trees" in training to "benches" or "lampadaires" at run time:
/// the model learns a weight for the concept, not only for each word.
/// </summary>
internal static class DomainLexicon
{
    /// <summary>A park amenity or project topic the FAQ answers (parking, dogs, trees, budget…).</summary>
    public const string ParkTopic = "park_topic";

    /// <summary>A city service or subject unrelated to the project (garbage, permits, weather, sports…).</summary>
    public const string OffTopic = "off_topic";

    /// <summary>A public event of the consultation (workshop, meeting, open house…).</summary>
    public const string Event = "event";

    /// <summary>Erasing something (delete, erase, forget…).</summary>
    public const string Erase = "erase";

    /// <summary>Being notified (notify, alert, subscribe…).</summary>
    public const string Notify = "notify";

    /// <summary>Stopping notifications (unsubscribe, opt out…).</summary>
    public const string StopNotify = "stop_notify";

    /// <summary>A greeting (hello, bonjour…).</summary>
    public const string Greeting = "greeting";

    /// <summary>Asking for help or the bot's capabilities (help, menu, lost…).</summary>
    public const string HelpRequest = "help_request";

    /// <summary>A consultation report or its results (report, summary, findings…).</summary>
    public const string Report = "report";

    /// <summary>A duration, season or schedule (timeline, months, summer…).</summary>
    public const string Schedule = "schedule";

    /// <summary>Completion (ready, finished, done…).</summary>
    public const string Completion = "completion";

    /// <summary>Weight or influence of the input (count, matter, influence…).</summary>
    public const string Influence = "influence";

    /// <summary>A condition ("if", "si").</summary>
    public const string Condition = "condition";

    /// <summary>Dropping or removing something (remove, cancel, scrap…).</summary>
    public const string Drop = "drop";

    /// <summary>A messaging channel (text, email, message…).</summary>
    public const string Channel = "channel";

    /// <summary>Opposing or rejecting something (against, reject, majority…).</summary>
    public const string Oppose = "oppose";

    /// <summary>Personal data and keeping it (data, records, stored…).</summary>
    public const string PersonalData = "personal_data";

    /// <summary>The people behind the project (elected officials, staff, a human…).</summary>
    public const string People = "people";

    private static readonly (string Concept, string Words)[] Lists =
    [
        (Notify, "avertir avertissez averti avertis aviser avisez avise prevenir prevenez previens notifier notifiez "
            + "notify notified notifications notification alerte alertes alert alerts alerted abonner abonne abonnez "
            + "abonnement subscribe subscription infolettre newsletter ping"),
        (StopNotify, "desabonner desabonnez desabonne desabonnement desinscrire desinscrivez desinscris "
            + "desinscription unsubscribe unsubscribed unsubscribing optout arreter arrete arretez arretes stop "
            + "stopper desactiver desactivez desactive mute off assez enough anymore quit cesser cessez"),
        (Greeting, "bonjour bonsoir salut allo coucou hello hi hey greetings morning"),
        (HelpRequest, "aide aider aidez help helping menu commandes commands command instructions guide perdu perdue "
            + "lost confused confus confuse comprends understand"),
        (Report, "rapport rapports report reports resultat resultats results result bilan resume summary synthese "
            + "constats findings takeaways"),
        (Schedule, "calendrier echeancier schedule timeline duree durer dure mois months annee annees year years "
            + "phase phases ensuite saison season seasons printemps ete automne hiver spring summer fall autumn winter semaines weeks"),
        (Completion, "pret prete prets ready termine terminee terminer terminera finished finish completion complete "
            + "completed acheve achevement done"),
        (Influence, "poids weight compte compter counts count matter matters influence influencer influencent impact "
            + "difference pese peser considere consideree considerees considered consider serieux seriously"),
        (Condition, "si if"),
        (Drop, "enlever enlevez enleve enleves retirer retire retirez retiree abandonner abandonne abandonnez "
            + "annuler annule annulez drop dropped scrap scrapped remove removed cancel cancelled canceled"),
        (Channel, "texto textos texter textez courriel courriels email emails message messages messaging ecrire "
            + "ecrivez ecris ecrit sms"),
        (Oppose, "everyone everybody nobody contre oppose opposent opposes opposed refuse refusent refuser rejette rejettent rejeter reject "
            + "rejects against majorite majority veto"),
        (PersonalData, "donnees data renseignements personnel personnelle personnels personnelles personal "
            + "enregistre enregistrer enregistrez enregistres conserver conservez conserve garder gardez stocker "
            + "stockez stocke store stored stores saved records historique history"),
        (People, "elus elu maire mairesse mayor conseillers conseilleres councillors councillor fonctionnaires "
            + "employes staff humain human humains robot bot responsable responsables manager gestionnaire"),
        (ParkTopic, "stationnement stationner parking stationnements places chien chiens dog dogs canin canine enclos "
            + "laisse leash arbre arbres tree trees foret abattre couper planter plantation arbustes ombre shade "
            + "budget cout couts coute couter cost costs costing price prix argent money depense depenser spend spending "
            + "dollars millions taxe taxes tax foncier fonciere toilette toilettes toilet toilets washroom washrooms "
            + "restroom restrooms bathroom bathrooms accessible accessibilite accessibility fauteuil wheelchair "
            + "poussette poussettes stroller handicap handicapes mobilite eclairage eclaire lumiere lumieres lampadaires "
            + "lights lighting velo velos bike bikes bicycle cyclable cyclables cyclistes trottinette trottinettes "
            + "scooter scooters piste sentier sentiers trail trails path paths chemin heures horaire hours ouverture "
            + "ferme fermeture closing jeux eau splash baignade baigner swim swimming piscine module modules playground "
            + "balancoire balancoires bancs banc benches bench tables pique nique picnic bbq barbecue barbecues "
            + "fontaine fontaines fountain fountains kayak canot riviere river rive riverbank inondation inondations "
            + "flooding flood skatepark skate soccer terrain field fields patinoire deneigement deneige deneiges snow "
            + "plowed cameras securite security bruit bruits noise noisy bruyant clotures cloture clotured fence fenced "
            + "fenced wifi vestiaires poubelles bins supports racks stationnements "
            + "peche pecher fishing"),
        (OffTopic, "ordures poubelle poubelles vidanges garbage trash recyclage recycling compost collecte pickup "
            + "bibliotheque library livres arena aréna hockey canadien canadiens game match partie score baseball "
            + "alouettes football meteo pleuvoir pluie neiger beau chaud froid weather rain sunny temperature "
            + "forecast blague joke jokes drole funny chanson song restaurant resto restos cafe pizza poutine recette "
            + "recipe film films movie movies licence license passeport passport nid poule pothole "
            + "potholes contravention constat ticket amende plombier plumber hopital hospital ministre minister "
            + "election elections graffiti graffitis ecocentre divan couch portefeuille wallet vignette evaluation "
            + "assessment facture bill voisin voisins neighbour neighbor neighbours centre downtown natation cours lessons paie payer paye pay paying paiement payment emploi job cat raton"),
        (Event, "atelier ateliers workshop workshops seance seances session sessions reunion reunions meeting meetings "
            + "rencontre rencontres assemblee hearing portes ouvertes open house webinaire webinar visite visites tour "
            + "walk soiree evenement evenements event events activite activites"),
        (Erase, "effacer effacez efface effaces effacement supprimer supprimez supprime suppression detruire "
            + "detruisez detruisiez oublier oubliez oubli delete deleted deleting erase erased wipe purge destroy "
            + "forget forgotten scrub"),
    ];

    private static readonly FrozenDictionary<string, string> ConceptByStem = BuildIndex();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        ConceptByStem.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every word of the lists (for the spelling corrector's vocabulary).</summary>
    public static IEnumerable<string> Words => Lists.SelectMany(l => l.Words.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The concept of the word whose stem is <paramref name="stem"/>, if any.</summary>
    public static bool TryGetConcept(ReadOnlySpan<char> stem, out string concept) => Lookup.TryGetValue(stem, out concept!);

    private static FrozenDictionary<string, string> BuildIndex()
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (concept, words) in Lists)
        {
            foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                index.TryAdd(LightStemmer.Stem(word).ToString(), concept);
            }
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
