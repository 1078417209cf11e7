using RoboClub.Hub.Projects;

namespace RoboClub.Hub.Tests.Projects;

/// <summary>The autosave history rule (README, "Autosave and history"), with a clock moved by hand.</summary>
public sealed class VersionRuleTests : IDisposable
{
    readonly TempStore _t = new();
    public void Dispose() => _t.Dispose();

    static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    async Task<Project> NewAsync() => await _t.ProjectAsync((await _t.ChildAsync()).Id, "Robot", "{}", "// start");

    Task<SaveResult> Save(Project seen, string source) => _t.Store.SaveAsync(seen.Id, new ProjectContent(null, null, source, seen.Revision));

    [Fact]
    public async Task Saves_within_a_minute_of_a_version_starting_fold_into_it_then_a_new_one_starts()
    {
        var p = await NewAsync();
        _t.Clock.Advance(5 * Second);
        var a = await Save(p, "// a");           // never folds into the "created" version
        Assert.Equal(("created", 2), (a.Outcome, a.Project.Version));
        _t.Clock.Advance(30 * Second);
        var b = await Save(a.Project, "// b");
        Assert.Equal(("replaced", 2), (b.Outcome, b.Project.Version));
        _t.Clock.Advance(29 * Second);           // 59 s after version 2 started
        var c = await Save(b.Project, "// c");
        Assert.Equal(("replaced", 2), (c.Outcome, c.Project.Version));
        _t.Clock.Advance(Second);                // 60 s: a new version, even though saves were seconds apart
        var d = await Save(c.Project, "// d");
        Assert.Equal(("created", 3), (d.Outcome, d.Project.Version));

        var versions = await _t.Store.ListVersionsAsync(p.Id);
        Assert.Equal(new[] { 3, 2, 1 }, versions.Select(v => v.Number));
        Assert.Equal("// c", (await _t.Store.GetVersionAsync(p.Id, 2)).Source);
        var v2 = versions.Single(v => v.Number == 2);
        Assert.Equal((v2.StartedAt + 59 * Second, "saved", 4), (v2.SavedAt, v2.Origin, v2.SourceChars));
        Assert.Equal("// d", (await _t.Store.GetProjectAsync(p.Id)).Source);
    }

    [Fact]
    public async Task Identical_content_is_not_stored_again()
    {
        var p = await NewAsync();
        var same = await _t.Store.SaveAsync(p.Id, new ProjectContent("blocks", "{}", "// start", p.Revision));
        Assert.Equal("unchanged", same.Outcome);
        Assert.Equal(p.Revision, same.Project.Revision);
        _t.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("unchanged", (await _t.Store.SaveAsync(p.Id, new ProjectContent(null, null, null))).Outcome);
        Assert.Single(await _t.Store.ListVersionsAsync(p.Id));
        Assert.Equal(p.UpdatedAt, (await _t.Store.GetProjectAsync(p.Id)).UpdatedAt);
    }

    [Fact]
    public async Task Two_tablets_saving_the_same_project_last_writer_wins_and_history_keeps_both()
    {
        var p = await NewAsync();
        _t.Clock.Advance(Second);
        var first = await Save(p, "// tablet A 1");          // A opened p and saves
        _t.Clock.Advance(Second);
        var b = await Save(p, "// tablet B");                // B opened p too: its base is stale, so it never folds into A's version
        Assert.Equal(("created", 3), (b.Outcome, b.Project.Version));
        _t.Clock.Advance(Second);
        var a2 = await Save(first.Project, "// tablet A 2"); // A's base is stale now as well
        Assert.Equal(("created", 4), (a2.Outcome, a2.Project.Version));

        Assert.Equal("// tablet A 2", (await _t.Store.GetProjectAsync(p.Id)).Source); // last writer wins
        Assert.Equal(new[] { "// tablet A 2", "// tablet B", "// tablet A 1", "// start" },
            await Task.WhenAll((await _t.Store.ListVersionsAsync(p.Id)).Select(async v => (await _t.Store.GetVersionAsync(p.Id, v.Number)).Source)));

        // A keeps editing from what it got back: now it folds again.
        _t.Clock.Advance(Second);
        Assert.Equal("replaced", (await Save(a2.Project, "// tablet A 3")).Outcome);
    }

    [Fact]
    public async Task Concurrent_saves_all_land_as_versions_or_folds_without_errors()
    {
        var p = await NewAsync();
        var saves = Enumerable.Range(0, 20).Select(i => Task.Run(() => _t.Store.SaveAsync(p.Id, new ProjectContent(null, null, $"// {i}", p.Revision))));
        var results = await Task.WhenAll(saves);
        var latest = await _t.Store.GetProjectAsync(p.Id);
        Assert.Equal(21, latest.Revision); // every save changed the content once, none was lost between read and write
        Assert.Single(results, r => r.Outcome == "created" && r.Project.Version == 2); // saves ran one at a time: stale bases never fold
        Assert.Equal(21, (await _t.Store.ListVersionsAsync(p.Id)).Count);
    }

    [Fact]
    public async Task A_save_without_a_base_revision_always_starts_a_version()
    {
        var p = await NewAsync();
        await _t.Store.SaveAsync(p.Id, new ProjectContent(null, null, "// 1"));
        var second = await _t.Store.SaveAsync(p.Id, new ProjectContent(null, null, "// 2"));
        Assert.Equal(("created", 3), (second.Outcome, second.Project.Version));
    }

    [Fact]
    public async Task A_clock_set_back_starts_a_new_version_instead_of_folding()
    {
        var p = await NewAsync();
        var a = await Save(p, "// a");
        _t.Clock.Advance(-TimeSpan.FromMinutes(10));
        Assert.Equal("created", (await Save(a.Project, "// b")).Outcome);
    }

    [Fact]
    public async Task Restoring_a_version_saves_it_as_a_new_latest_that_later_edits_do_not_overwrite()
    {
        var p = await NewAsync();
        _t.Clock.Advance(TimeSpan.FromMinutes(2));
        var a = await Save(p, "// a");
        _t.Clock.Advance(Second);
        var restored = await _t.Store.RestoreVersionAsync(p.Id, 1);
        Assert.Equal(("created", 3, "// start"), (restored.Outcome, restored.Project.Version, restored.Project.Source));
        Assert.Equal("restored", (await _t.Store.ListVersionsAsync(p.Id))[0].Origin);
        Assert.Equal("unchanged", (await _t.Store.RestoreVersionAsync(p.Id, 3)).Outcome);

        _t.Clock.Advance(Second);
        var edit = await Save(restored.Project, "// after restore");
        Assert.Equal(("created", 4), (edit.Outcome, edit.Project.Version)); // version 3 stays what was restored
        Assert.Equal("// a", (await _t.Store.GetVersionAsync(p.Id, 2)).Source);
        Assert.Equal(ProjectFailure.NotFound, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.RestoreVersionAsync(p.Id, 99))).Failure);
    }

    [Fact]
    public async Task Switching_mode_is_part_of_the_content_and_restored_with_it()
    {
        var p = await NewAsync();
        var cs = await _t.Store.SaveAsync(p.Id, new ProjectContent("csharp", null, null, p.Revision));
        Assert.Equal(("created", "csharp"), (cs.Outcome, cs.Project.Mode));
        var back = await _t.Store.RestoreVersionAsync(p.Id, 1);
        Assert.Equal("blocks", back.Project.Mode);
        Assert.Equal(ProjectFailure.Invalid, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.SaveAsync(p.Id, new ProjectContent("scratch", null, null)))).Failure);
    }
}
