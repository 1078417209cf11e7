namespace RoboClub.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ProjectsTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_child_finds_their_project_again_after_the_hub_restarts()
    {
        string data = Directory.CreateTempSubdirectory("roboclub-projects-").FullName;
        try
        {
            await using (var hub = HubServer.Start(dataDirectory: data))
            {
                var editor = await EditorPage.OpenAsync(browser.Browser, hub, child: "Ștefan");
                await editor.Page.ClickAsync("[data-tab=projects]");
                await editor.Page.FillAsync(".rc-new-project input", "Mașina roșie");
                await editor.Page.ClickAsync(".rc-new-project button");
                await editor.Page.WaitForFunctionAsync("() => document.querySelector('#project-name').innerText === 'Mașina roșie'");
                await editor.Page.ClickAsync("[data-tab=editor]");
                await editor.SetCodeAsync("Console.WriteLine(\"Mașina mea\");\nRobot.Forward(40);\n");
                // Autosave: the version list shows a save after the child stops typing.
                await editor.Page.WaitForFunctionAsync("() => document.querySelector('#project-name').innerText === 'Mașina roșie'");
                await Task.Delay(2500);
                await editor.Page.ClickAsync("[data-tab=projects]");
                await editor.Page.WaitForSelectorAsync(".rc-projects li.open");
                await editor.ScreenshotAsync("projects-list");
                await editor.Page.Context.CloseAsync();
            }
            await using (var hub = HubServer.Start(dataDirectory: data))
            {
                // Another day, another tablet: the child picks their name from the list.
                var page = await EditorPage.OpenWithoutChildAsync(browser.Browser, hub);
                // A wrong code is refused in Romanian; the right one lets him in.
                await page.ClickAsync(".rc-child:has-text('Ștefan')");
                await page.FillAsync(".rc-sign-in-child input[name=code]", "9999");
                await page.ClickAsync(".rc-sign-in-child button[type=submit]");
                await page.WaitForFunctionAsync("() => document.querySelector('.rc-sign-in-child .rc-form-error').innerText.startsWith('Acesta nu e codul tău secret')");
                await page.ClickAsync("#child-dialog button:has-text('Înapoi')");
                await EditorPage.SignInAsync(page, "Ștefan");
                await page.ClickAsync("[data-tab=projects]");
                await page.ClickAsync(".rc-projects li:has-text('Mașina roșie') [data-action=openProject]");
                await page.ClickAsync("[data-tab=editor]");
                await page.WaitForFunctionAsync("() => document.querySelector('.cm-content').innerText.includes('Mașina mea')");
                Assert.Contains("Robot.Forward(40);", await page.InnerTextAsync(".cm-content"));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_project_is_copied_and_downloaded_as_a_file()
    {
        await using var hub = HubServer.Start();
        var editor = await EditorPage.OpenAsync(browser.Browser, hub, child: "Ioana");
        await editor.SetCodeAsync("Console.WriteLine(\"salut\");\n");
        await Task.Delay(2000);
        await editor.Page.ClickAsync("[data-tab=projects]");
        await editor.Page.ClickAsync(".rc-projects li.open [data-action=duplicate]");
        await editor.Page.WaitForSelectorAsync(".rc-projects li:has-text('(copie)')");
        var download = await editor.Page.RunAndWaitForDownloadAsync(() => editor.Page.ClickAsync(".rc-projects li.open a"));
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json");
        await download.SaveAsAsync(path);
        string file = await File.ReadAllTextAsync(path);
        File.Delete(path);
        Assert.Contains("\"format\": \"roboclub-project\"", file);
        Assert.Contains("salut", file);
        Assert.EndsWith(".roboclub.json", download.SuggestedFilename);
    }
}
