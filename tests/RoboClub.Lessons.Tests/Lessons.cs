using RoboClub.Lessons;

namespace RoboClub.Lessons.Tests;

/// <summary>The lessons shipped in lessons/, loaded once for all tests (the build copies them next to the tests).</summary>
public static class Lessons
{
    public static readonly LessonLibrary Library = new(LessonLibrary.FindRoot());

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var lesson in Library.Lessons) data.Add(lesson.Id);
        return data;
    }

    public static Lesson Get(string id)
    {
        string[] parts = id.Split('/');
        return Library.Find(parts[0], parts[1]) ?? throw new InvalidOperationException($"no lesson {id}: {string.Join("; ", Library.Problems)}");
    }
}
