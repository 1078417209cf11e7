namespace RoboClub.Hub.Security;

/// <summary>
/// Each child's 4-digit secret code, like a phone's PIN: easy for a 10-year-old, and enough with
/// <see cref="SignInThrottle"/> to stop a classmate guessing it. The hash is salted but cheap
/// (10,000 rounds): 10,000 codes can be tried offline from a copied file whatever the cost, so the
/// protection is the throttle, not the hash. A child from before codes existed (or whose code the
/// librarian cleared) chooses a new one the next time they sign in.
/// </summary>
public sealed class ChildCodes(SecurityStore store)
{
    const int Iterations = 10_000;

    public static bool IsValid(string? code) => code is { Length: 4 } && code.All(char.IsAsciiDigit);

    public bool HasCode(long childId) => store.ChildCode(childId) is not null;

    public void Set(long childId, string code)
    {
        if (!IsValid(code)) throw new ArgumentException(SecurityText.CodeFormat.En);
        store.SetChildCode(childId, SecretHash.Hash(code, Iterations));
    }

    public bool Verify(long childId, string code) => store.ChildCode(childId) is { } hash && SecretHash.Verify(code, hash);

    public void Clear(long childId) => store.SetChildCode(childId, null);
}
