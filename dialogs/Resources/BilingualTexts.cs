using System.Globalization;
using System.Reflection;
using System.Resources;

namespace EngagementBot.Dialogs.Resources;

/// <summary>
/// One resx pair (<c>X.resx</c> English, <c>X.fr.resx</c> French) looked up by key and language (<c>fr</c> or
/// <c>en</c>); the shared engine behind <see cref="DialogTexts"/> and each feature's texts class.
/// </summary>
public sealed class BilingualTexts
{
    private readonly ResourceManager _resources;
    private readonly CultureInfo _french;
    private readonly CultureInfo _english;
    private readonly string _name;

    /// <summary>Texts of the embedded resource <paramref name="baseName"/>, formatted in <paramref name="french"/> / <paramref name="english"/>.</summary>
    public BilingualTexts(string baseName, Assembly assembly, string french = "fr", string english = "en")
    {
        _resources = new ResourceManager(baseName, assembly);
        _french = CultureInfo.GetCultureInfo(french);
        _english = CultureInfo.GetCultureInfo(english);
        _name = baseName[(baseName.LastIndexOf('.') + 1)..];
    }

    /// <summary>The culture used for <paramref name="language"/>.</summary>
    public CultureInfo Culture(string language) => language == "fr" ? _french : _english;

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/>.</summary>
    public string Get(string key, string language) =>
        _resources.GetString(key, Culture(language)) ?? throw new KeyNotFoundException($"No {_name} text named '{key}'.");

    /// <summary>The text for <paramref name="key"/> with its placeholders filled in, in the language's culture.</summary>
    public string Format(string key, string language, params object[] args) =>
        string.Format(Culture(language), Get(key, language), args);
}
