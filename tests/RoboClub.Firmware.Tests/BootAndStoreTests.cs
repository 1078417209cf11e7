namespace RoboClub.Firmware.Tests;

/// <summary>Safe mode after repeated crashes at boot; the program kept on flash.</summary>
public class BootAndStoreTests
{
    [Fact]
    public void Three_short_boots_in_a_row_start_in_safe_mode_once()
    {
        var flash = new MemoryFlash();
        var modes = new List<bool>();
        for (int boot = 1; boot <= 4; boot++)
        {
            var guard = new BootGuard(flash);
            guard.OnBoot();
            Assert.Equal(boot, guard.BootNumber);
            modes.Add(guard.SafeMode);
            guard.OnRunning(1000); // crashes a second later
        }
        Assert.Equal(new[] { false, false, true, false }, modes);
    }

    [Fact]
    public void A_board_that_ran_two_minutes_is_stable_again()
    {
        var flash = new MemoryFlash();
        for (int i = 0; i < 2; i++) new BootGuard(flash).OnBoot();
        var guard = new BootGuard(flash);
        guard.OnBoot();
        Assert.True(guard.SafeMode);

        guard = new BootGuard(flash);
        guard.OnBoot();
        guard.OnRunning(BootGuard.StableAfterMs - 1);
        Assert.Equal("4,1", flash.Text(BootGuard.Path));
        guard.OnRunning(BootGuard.StableAfterMs);
        Assert.Equal("4,0", flash.Text(BootGuard.Path));
        guard = new BootGuard(flash);
        guard.OnBoot();
        Assert.False(guard.SafeMode);
        Assert.Equal(1, guard.UnstableBoots);
    }

    [Fact]
    public void A_damaged_counter_or_a_full_flash_never_stops_a_boot()
    {
        var flash = new MemoryFlash();
        flash.PutText(BootGuard.Path, "garbage");
        var guard = new BootGuard(flash);
        guard.OnBoot();
        Assert.Equal(1, guard.BootNumber);
        flash.FailWrites = true;
        new BootGuard(flash).OnBoot();
    }

    [Fact]
    public void The_program_store_keeps_the_image_and_hides_it_in_safe_mode()
    {
        var flash = new MemoryFlash();
        var store = new FlashProgramStore(flash, false);
        Assert.Null(store.Load());
        store.Save(new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, new FlashProgramStore(flash, false).Load());

        var safe = new FlashProgramStore(flash, true);
        Assert.Null(safe.Load());
        Assert.Equal(new byte[] { 1, 2, 3 }, safe.Stored());

        store.Save(new byte[0]);
        Assert.False(flash.Exists(FlashProgramStore.Path));

        flash.FailWrites = true;
        store.Save(new byte[] { 4 });
        Assert.Contains("could not be saved", store.LastProblem);
    }
}
