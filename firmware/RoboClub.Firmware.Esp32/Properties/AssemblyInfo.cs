using System.Reflection;

[assembly: AssemblyTitle("RoboClub.Firmware.Esp32")]
[assembly: AssemblyDescription("RoboClub board firmware for the ESP32 (.NET nanoFramework)")]
[assembly: AssemblyProduct("RoboClub")]
[assembly: AssemblyVersion("0.1.0.0")]
