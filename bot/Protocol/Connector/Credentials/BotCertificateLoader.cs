using System.Security.Cryptography.X509Certificates;

namespace EngagementBot.Bot.Protocol.Connector.Credentials;

/// <summary>
/// Loads the app registration's certificate: from <c>MicrosoftAppCertificateThumbprint</c> (CurrentUser\My,
/// then LocalMachine\My) or from <c>MicrosoftAppCertificatePath</c> (PFX/P12 with optional
/// <c>MicrosoftAppCertificatePassword</c>, or a PEM file holding the certificate and its private key).
/// </summary>
internal static class BotCertificateLoader
{
    public static X509Certificate2 Load(BotIdentityOptions options)
    {
        var certificate = string.IsNullOrWhiteSpace(options.MicrosoftAppCertificateThumbprint)
            ? LoadFromFile(options.MicrosoftAppCertificatePath!, options.MicrosoftAppCertificatePassword)
            : LoadFromStore(options.MicrosoftAppCertificateThumbprint);

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                "The bot's certificate has no private key: MicrosoftAppCertificatePath / MicrosoftAppCertificateThumbprint must point to a certificate with its private key.");
        }

        return certificate;
    }

    private static X509Certificate2 LoadFromFile(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"MicrosoftAppCertificatePath '{path}' does not exist.");
        }

        var extension = Path.GetExtension(path);
        if (extension.Equals(".pem", StringComparison.OrdinalIgnoreCase) || extension.Equals(".crt", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static X509Certificate2 LoadFromStore(string thumbprint)
    {
        var normalized = thumbprint.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                continue; // this store does not exist on this machine (e.g. LocalMachine\My on Linux)
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, normalized, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException(
            $"No certificate with MicrosoftAppCertificateThumbprint '{normalized}' in the CurrentUser\\My or LocalMachine\\My store.");
    }
}
