using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SemanticSearch.EndToEnd.Tests.Infrastructure;
using SemanticSearch.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SemanticSearch.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SearchFlowTests(BrowserFixture browser)
{
    private static ILocator FirstTile(IPage page) => page.Locator(".tile").First;

    private static async Task<string> FirstResultNameAsync(IPage page) =>
        (await FirstTile(page).Locator("img").GetAttributeAsync("alt"))!;

    [Fact]
    public async Task Typing_a_query_shows_the_matching_image_first_and_the_url_keeps_it()
    {
        var page = await browser.OpenAsync("/");
        var box = page.Locator("input[type=search]");
        await Expect(box).ToBeFocusedAsync();

        await box.PressSequentiallyAsync("a red circle", new LocatorPressSequentiallyOptions { Delay = 40 });

        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red(%20|\+)circle$"));
        await Expect(page.Locator("#search-took")).ToContainTextAsync("results for “a red circle”");
        await Expect(FirstTile(page)).ToHaveAttributeAsync("data-image-id", new Regex(@"^\d+$"));
        Assert.StartsWith("red-circle-", await FirstResultNameAsync(page));
        await Expect(page.Locator("#search-took .took-ms")).ToHaveTextAsync(new Regex(@"^\d+(\.\d)? m?s$"));
        await FirstTile(page).HoverAsync();
        await Expect(FirstTile(page).Locator(".score")).ToHaveCSSAsync("opacity", "1");
        // The README's screenshot shows the filter bar open with an active chip; removing it returns to the plain query.
        await page.Locator("#filters-toggle").ClickAsync();
        await page.Locator("#sort-select").SelectOptionAsync("date");
        await Expect(page.Locator(".chip[data-filter=sort]")).ToBeVisibleAsync();
        await Expect(page.Locator("#search-took")).ToBeVisibleAsync();
        await FirstTile(page).HoverAsync();
        await BrowserFixture.ScreenshotAsync(page, "search.png");
        await page.Locator(".chip[data-filter=sort] .chip-remove").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red(%20|\+)circle$"));

        // Enter starts a new query (a history entry); Back returns to the first one.
        await box.FillAsync("a blue square");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)blue(%20|\+)square$"));
        await Expect(FirstTile(page).Locator("img")).ToHaveAttributeAsync("alt", new Regex("^blue-square-"));
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=a(%20|\+)red(%20|\+)circle$"));
        await Expect(box).ToHaveValueAsync("a red circle");
        await Expect(FirstTile(page).Locator("img")).ToHaveAttributeAsync("alt", new Regex("^red-circle-"));
    }

    [Fact]
    public async Task A_shared_link_opens_with_its_results()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/?q=a%20yellow%20heart");

        await Expect(FirstTile(page).Locator("img")).ToHaveAttributeAsync("alt", new Regex("^yellow-heart-"));
        await Expect(page.Locator("input[type=search]")).ToHaveValueAsync("a yellow heart");
    }

    [Fact]
    public async Task An_image_dropped_while_the_page_is_still_starting_is_searched_once_the_page_can_take_it()
    {
        var original = browser.Gallery.Files.First(f => FixtureGallery.CombinationOf(f) == "green-star");
        var page = await browser.NewPageAsync();
        // Straight after the server-rendered page arrives, before Blazor has wired the file input.
        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.False(await page.EvaluateAsync<bool>("() => window.semsearch.fileInputReady()"));

        await FileTransferScript.DropFileAsync(page, ImageBytes.NearDuplicate(original), "early.jpg", "image/jpeg");

        await Expect(page.Locator("#query-image-chip")).ToContainTextAsync("early.jpg");
        await Expect(FirstTile(page).Locator("img")).ToHaveAttributeAsync("alt", Path.GetFileName(original));
    }

    [Fact]
    public async Task Dropping_an_image_makes_it_a_chip_that_words_typed_next_to_it_add_to()
    {
        var original = browser.Gallery.Files.First(f => FixtureGallery.CombinationOf(f) == "purple-hexagon");
        var page = await browser.OpenAsync("/");

        await FileTransferScript.DropFileAsync(page, ImageBytes.NearDuplicate(original), "my-photo.jpg", "image/jpeg");

        var chip = page.Locator("form.searchbox #query-image-chip");
        await Expect(chip.Locator("#query-image")).ToBeVisibleAsync();
        await Expect(chip).ToContainTextAsync("my-photo.jpg");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?image=[0-9a-f]{64}$"));
        await Expect(page.Locator("#search-took")).ToContainTextAsync("results for your image");
        await Expect(FirstTile(page).Locator("img")).ToHaveAttributeAsync("alt", Path.GetFileName(original));

        // Words typed next to the chip are added to the image, which stays.
        var box = page.Locator("input[type=search]");
        await box.FillAsync("purple");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?image=[0-9a-f]{64}&q=purple$"));
        await Expect(page.Locator("#search-took")).ToContainTextAsync("results for your image + “purple”");
        await Expect(chip.Locator("#query-image")).ToBeVisibleAsync();
        await Expect(FirstTile(page).Locator("img")).ToHaveAttributeAsync("alt", Path.GetFileName(original));
        await BrowserFixture.ScreenshotAsync(page, "drop.png");

        // The address is a link: another browser opens the same image and words.
        var shared = await browser.OpenAsync(new Uri(page.Url).PathAndQuery);
        await Expect(shared.Locator("form.searchbox #query-image-chip #query-image")).ToBeVisibleAsync();
        await Expect(shared.Locator("input[type=search]")).ToHaveValueAsync("purple");
        await Expect(shared.Locator("#search-took")).ToContainTextAsync("results for your image + “purple”");
        await Expect(FirstTile(shared).Locator("img")).ToHaveAttributeAsync("alt", Path.GetFileName(original));

        // Removing the chip leaves the words alone.
        await chip.Locator("#remove-query-image").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=purple$"));
        await Expect(page.Locator("#query-image-chip")).ToHaveCountAsync(0);
        await Expect(page.Locator("#search-took")).ToContainTextAsync("results for “purple”");
    }

    [Fact]
    public async Task Dropping_something_that_is_not_an_image_says_so()
    {
        var page = await browser.OpenAsync("/");

        await FileTransferScript.DropFileAsync(page, "%PDF-1.4 not really a picture"u8.ToArray(), "report.pdf", "application/pdf");

        await Expect(page.Locator("#search-error")).ToContainTextAsync("“report.pdf” is not an image");
        await Expect(page.Locator(".tile")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Pasting_an_image_searches_with_it()
    {
        var query = browser.Gallery.HeldBack["pink-diamond"];
        var page = await browser.OpenAsync("/");

        await FileTransferScript.PasteFileAsync(page, await File.ReadAllBytesAsync(query), "image.png", "image/png");

        await Expect(page.Locator("#query-image-chip")).ToContainTextAsync("image.png");
        await Expect(FirstTile(page).Locator("img")).ToHaveAttributeAsync("alt", new Regex("^pink-diamond-"));
    }

    [Fact]
    public async Task Choosing_a_file_searches_with_it()
    {
        var query = browser.Gallery.HeldBack["green-star"];
        var page = await browser.OpenAsync("/");

        await page.Locator("#image-query-file").SetInputFilesAsync(query);

        await Expect(page.Locator("#query-image")).ToBeVisibleAsync();
        await Expect(FirstTile(page).Locator("img")).ToHaveAttributeAsync("alt", new Regex("^green-star-"));
    }

    [Fact]
    public async Task A_result_opens_in_a_viewer_with_its_metadata_and_more_like_this_works()
    {
        var page = await browser.OpenAsync("/?q=a%20black%20triangle");
        await Expect(FirstTile(page).Locator("img")).ToHaveAttributeAsync("alt", new Regex("^black-triangle-"));
        var firstId = await FirstTile(page).GetAttributeAsync("data-image-id");

        // Keyboard: focus the first tile and open it with Enter.
        await FirstTile(page).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var viewer = page.Locator("#image-viewer");
        await Expect(viewer).ToBeVisibleAsync();
        await Expect(viewer).ToBeFocusedAsync();
        await Expect(viewer).ToHaveAttributeAsync("data-image-id", firstId!);
        // Anonymous visitors see the location relative to its source and the source's name, never the server path.
        await Expect(viewer.Locator(".meta")).ToContainTextAsync(Path.GetFileName(browser.Gallery.Folder));
        await Expect(viewer.Locator(".meta")).Not.ToContainTextAsync(browser.Gallery.Folder);
        await Expect(viewer.Locator(".meta")).ToContainTextAsync("Dimensions");

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(viewer).Not.ToHaveAttributeAsync("data-image-id", firstId!);
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(viewer).ToHaveAttributeAsync("data-image-id", firstId!);
        await page.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToHaveCountAsync(0);
        await Expect(FirstTile(page)).ToBeFocusedAsync();

        await FirstTile(page).ClickAsync();
        await page.Locator("#more-like-this").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($@"\?similar={firstId}$"));
        await Expect(page.Locator("#similar-card")).ToBeVisibleAsync();
        await Expect(page.Locator("#image-viewer")).ToHaveCountAsync(0);
        var names = await page.Locator(".tile img").EvaluateAllAsync<string[]>("images => images.map(i => i.alt)");
        var ids = await page.Locator(".tile").EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.imageId)");
        var firstOther = names.Zip(ids).First(p => p.Second != firstId).First;
        Assert.StartsWith("black-triangle-", firstOther);
    }
}
