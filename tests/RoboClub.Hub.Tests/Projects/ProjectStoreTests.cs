using Microsoft.Data.Sqlite;
using RoboClub.Hub.Projects;

namespace RoboClub.Hub.Tests.Projects;

public sealed class ProjectStoreTests : IDisposable
{
    readonly TempStore _t = new();
    public void Dispose() => _t.Dispose();

    const string Workspace = """{"blocks":{"languageVersion":0,"blocks":[{"type":"text_print","id":"a","x":10,"y":10}]}}""";

    [Fact]
    public async Task A_project_is_created_opened_and_listed_most_recently_changed_first()
    {
        var ana = await _t.ChildAsync();
        var first = await _t.ProjectAsync(ana.Id, "Primul", Workspace, "Console.WriteLine(\"ă\");");
        _t.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _t.ProjectAsync(ana.Id, "Al doilea");
        Assert.Equal((1, "robot", "blocks", Workspace), (first.Version, first.BoardKind, first.Mode, first.Workspace));
        Assert.Equal(new[] { "Al doilea", "Primul" }, (await _t.Store.ListProjectsAsync(ana.Id)).Select(p => p.Name));

        _t.Clock.Advance(TimeSpan.FromMinutes(1));
        await _t.Store.SaveAsync(first.Id, new ProjectContent(null, null, "// changed"));
        Assert.Equal(new[] { "Primul", "Al doilea" }, (await _t.Store.ListProjectsAsync(ana.Id)).Select(p => p.Name));
        var opened = await _t.Store.GetProjectAsync(first.Id);
        Assert.Equal(("// changed", Workspace), (opened.Source, opened.Workspace)); // a part left out is kept
        Assert.Equal(2, (await _t.Store.GetChildAsync(ana.Id)).Projects);
    }

    [Fact]
    public async Task Everything_survives_a_restart_of_the_hub()
    {
        var ana = await _t.ChildAsync("Ana-Maria Știrbu", "pink");
        var p = await _t.ProjectAsync(ana.Id, "Stație meteo în curte", Workspace, "double t = Weather.Temperature();");
        await _t.Store.SaveAsync(p.Id, new ProjectContent("csharp", null, "// v2"));
        var store = _t.Reopen();
        var child = Assert.Single(await store.ListChildrenAsync());
        Assert.Equal(("Ana-Maria Știrbu", "pink", 1), (child.Name, child.Colour, child.Projects));
        var opened = await store.GetProjectAsync(p.Id);
        Assert.Equal(("Stație meteo în curte", "csharp", "// v2", Workspace), (opened.Name, opened.Mode, opened.Source, opened.Workspace));
        Assert.Equal(2, (await store.ListVersionsAsync(p.Id)).Count);
        Assert.Equal("double t = Weather.Temperature();", (await store.GetVersionAsync(p.Id, 1)).Source);
    }

    [Fact]
    public async Task The_file_uses_WAL_and_records_its_schema_version()
    {
        using var connection = new SqliteConnection($"Data Source={_t.DbPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA user_version;";
        Assert.Equal(1L, command.ExecuteScalar());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_file_from_a_newer_hub_is_refused_and_left_untouched()
    {
        var ana = await _t.ChildAsync();
        _t.Store.Dispose();
        using (var connection = new SqliteConnection($"Data Source={_t.DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 7;";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<ProjectException>(() => new SqliteProjectStore(_t.DbPath, _t.Clock));
        Assert.Contains("mai nou", e.Text.Ro);
        using (var connection = new SqliteConnection($"Data Source={_t.DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM children";
            Assert.Equal(ana.Name, command.ExecuteScalar());
            command.CommandText = "PRAGMA user_version;";
            Assert.Equal(7L, command.ExecuteScalar());
            command.CommandText = "PRAGMA user_version = 1;"; // so Dispose and cleanup work
            command.ExecuteNonQuery();
        }
    }

    [Fact]
    public async Task Rename_keeps_the_content_and_bad_names_change_nothing()
    {
        var p = await _t.ProjectAsync((await _t.ChildAsync()).Id, "Vechi", Workspace);
        Assert.Equal("Mașina roșie 🚗", (await _t.Store.RenameProjectAsync(p.Id, "  Mașina roșie 🚗 ")).Name);
        foreach (var bad in new[] { "", "   ", "a\u0000b", "a\u001Bb", new string('x', 41), null })
            Assert.Equal(ProjectFailure.Invalid, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.RenameProjectAsync(p.Id, bad))).Failure);
        Assert.Equal(40, (await _t.Store.RenameProjectAsync(p.Id, new string('ă', 40))).Name.Length);
        Assert.Equal(Workspace, (await _t.Store.GetProjectAsync(p.Id)).Workspace);
    }

    [Fact]
    public async Task Duplicates_are_named_copie_in_Romanian_and_copy_in_English_and_never_clash()
    {
        var ana = await _t.ChildAsync();
        var p = await _t.ProjectAsync(ana.Id, "Robot", Workspace, "// x");
        var c1 = await _t.Store.DuplicateAsync(p.Id, null, "ro");
        var c2 = await _t.Store.DuplicateAsync(p.Id, null, "ro");
        var c3 = await _t.Store.DuplicateAsync(c1.Id, null, "ro"); // a copy of a copy is not "(copie) (copie)"
        var en = await _t.Store.DuplicateAsync(p.Id, null, "en");
        var named = await _t.Store.DuplicateAsync(p.Id, "Robotul lui Ion", "ro");
        Assert.Equal(new[] { "Robot (copie)", "Robot (copie 2)", "Robot (copie 3)", "Robot (copy)", "Robotul lui Ion" },
            new[] { c1.Name, c2.Name, c3.Name, en.Name, named.Name });
        Assert.Equal((Workspace, "// x", 1, ana.Id), (c1.Workspace, c1.Source, c1.Version, c1.ChildId));
        Assert.NotEqual(p.Id, c1.Id);
        Assert.Equal("duplicated", Assert.Single(await _t.Store.ListVersionsAsync(c1.Id)).Origin);

        var longName = await _t.ProjectAsync(ana.Id, new string('x', 40));
        var longCopy = await _t.Store.DuplicateAsync(longName.Id, null, "ro");
        Assert.Equal(40, longCopy.Name.Length);
        Assert.EndsWith(" (copie)", longCopy.Name);
    }

    [Fact]
    public async Task Deleting_moves_to_the_bin_and_the_librarian_restores_it_with_its_history()
    {
        var ion = await _t.ChildAsync("Ion", "blue");
        var p = await _t.ProjectAsync(ion.Id, "Semafor", Workspace);
        await _t.Store.SaveAsync(p.Id, new ProjectContent(null, null, "// 2"));
        _t.Clock.Advance(TimeSpan.FromSeconds(5));
        await _t.Store.DeleteAsync(p.Id);

        Assert.Empty(await _t.Store.ListProjectsAsync(ion.Id));
        var open = await Assert.ThrowsAsync<ProjectException>(() => _t.Store.GetProjectAsync(p.Id));
        Assert.Equal(ProjectFailure.InBin, open.Failure);
        Assert.Equal("Proiectul „Semafor” a fost șters. Bibliotecarul îl poate readuce.", open.Text.Ro);
        Assert.Equal(ProjectFailure.InBin, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.SaveAsync(p.Id, new ProjectContent(null, null, "// lost?")))).Failure);
        Assert.Equal(ProjectFailure.InBin, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.DeleteAsync(p.Id))).Failure);

        var deleted = Assert.Single(await _t.Store.ListDeletedAsync());
        Assert.Equal((p.Id, "Semafor", "Ion", "blue", _t.Clock.Now), (deleted.Id, deleted.Name, deleted.ChildName, deleted.ChildColour, deleted.DeletedAt));

        var restored = await _t.Store.RestoreAsync(p.Id);
        Assert.Equal("// 2", restored.Source);
        Assert.Equal(2, (await _t.Store.ListVersionsAsync(p.Id)).Count);
        Assert.Single(await _t.Store.ListProjectsAsync(ion.Id));
        Assert.Empty(await _t.Store.ListDeletedAsync());
        Assert.Equal("// 2", (await _t.Store.RestoreAsync(p.Id)).Source); // restoring twice is harmless
    }

    [Theory]
    [InlineData("{\"blocks\":")]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{} {}")]
    [InlineData("{'a':1}")]
    public async Task A_workspace_that_is_not_JSON_is_refused_and_the_stored_one_is_kept(string workspace)
    {
        var p = await _t.ProjectAsync((await _t.ChildAsync()).Id, "P", Workspace, "// keep");
        var e = await Assert.ThrowsAsync<ProjectException>(() => _t.Store.SaveAsync(p.Id, new ProjectContent("csharp", workspace, "// new")));
        Assert.Equal(ProjectFailure.Invalid, e.Failure);
        Assert.Contains("JSON valid", e.Text.Ro);
        var kept = await _t.Store.GetProjectAsync(p.Id);
        Assert.Equal((Workspace, "// keep", "blocks", 1), (kept.Workspace, kept.Source, kept.Mode, kept.Version));
    }

    [Fact]
    public async Task Oversized_content_is_refused_and_the_limits_themselves_are_fine()
    {
        var p = await _t.ProjectAsync((await _t.ChildAsync()).Id, "P", Workspace, "// keep");
        string atLimit = "\"" + new string('a', ProjectLimits.MaxWorkspaceBytes - 2) + "\"";
        string tooBig = "\"" + new string('a', ProjectLimits.MaxWorkspaceBytes - 1) + "\"";
        string twoBytes = "\"" + new string('ș', ProjectLimits.MaxWorkspaceBytes / 2) + "\""; // ș is 2 bytes in UTF-8
        Assert.Equal(ProjectFailure.TooLarge, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.SaveAsync(p.Id, new ProjectContent(null, tooBig, null)))).Failure);
        Assert.Equal(ProjectFailure.TooLarge, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.SaveAsync(p.Id, new ProjectContent(null, twoBytes, null)))).Failure);
        var source = await Assert.ThrowsAsync<ProjectException>(() => _t.Store.SaveAsync(p.Id, new ProjectContent(null, null, new string('x', ProjectLimits.MaxSourceChars + 1))));
        Assert.Equal(ProjectFailure.TooLarge, source.Failure);
        Assert.Contains("200,000", source.Text.En);
        Assert.Equal("// keep", (await _t.Store.GetProjectAsync(p.Id)).Source);

        var saved = await _t.Store.SaveAsync(p.Id, new ProjectContent(null, atLimit, new string('x', ProjectLimits.MaxSourceChars)));
        Assert.Equal("created", saved.Outcome);
        var info = (await _t.Store.ListVersionsAsync(p.Id))[0];
        Assert.Equal((ProjectLimits.MaxWorkspaceBytes, ProjectLimits.MaxSourceChars), (info.WorkspaceBytes, info.SourceChars));
    }

    [Fact]
    public async Task A_deeply_nested_Blockly_workspace_is_accepted()
    {
        // Blockly nests each "next" block in the one before: 400 blocks in a row is 1,200 levels.
        string deep = string.Concat(Enumerable.Repeat("{\"next\":{\"block\":{\"type\":\"x\",\"a\":", 400)) + "1" + string.Concat(Enumerable.Repeat("}}}", 400));
        var p = await _t.ProjectAsync((await _t.ChildAsync()).Id, "Adânc", deep);
        Assert.Equal(deep, (await _t.Store.GetProjectAsync(p.Id)).Workspace);
    }

    [Fact]
    public async Task Creating_checks_kind_mode_and_child()
    {
        var ana = await _t.ChildAsync();
        Assert.Equal(ProjectFailure.Invalid, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.CreateProjectAsync(ana.Id, new NewProject("P", "drone", "blocks")))).Failure);
        Assert.Equal(ProjectFailure.Invalid, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.CreateProjectAsync(ana.Id, new NewProject("P", "robot", "python")))).Failure);
        Assert.Equal(ProjectFailure.Invalid, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.CreateProjectAsync(ana.Id, new NewProject("P", "Robot", "blocks")))).Failure);
        Assert.Equal(ProjectFailure.NotFound, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.CreateProjectAsync(404, new NewProject("P", "robot", "blocks")))).Failure);
        var empty = await _t.Store.CreateProjectAsync(ana.Id, new NewProject("Gol", "weather", "csharp"));
        Assert.Equal(("{}", "", "weather", "csharp"), (empty.Workspace, empty.Source, empty.BoardKind, empty.Mode));
        Assert.Empty(await _t.Store.ListProjectsAsync((await _t.ChildAsync("Ion", "blue")).Id));
    }

    [Fact]
    public async Task Unknown_ids_are_not_found()
    {
        Assert.Equal(ProjectFailure.NotFound, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.GetProjectAsync(12345))).Failure);
        Assert.Equal(ProjectFailure.NotFound, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.GetChildAsync(12345))).Failure);
        Assert.Equal(ProjectFailure.NotFound, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.ListProjectsAsync(12345))).Failure);
        Assert.Equal(ProjectFailure.NotFound, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.RestoreAsync(12345))).Failure);
        var p = await _t.ProjectAsync((await _t.ChildAsync()).Id);
        var e = await Assert.ThrowsAsync<ProjectException>(() => _t.Store.GetVersionAsync(p.Id, 9));
        Assert.Equal(ProjectFailure.NotFound, e.Failure);
        Assert.Equal("Proiectul acesta nu are versiunea 9.", e.Text.Ro);
    }
}
