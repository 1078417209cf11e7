# Draws the kit wiring diagrams docs/boards/*.svg (run: python3 docs/boards/draw_diagrams.py).
# The pins here are the kits' pin tables (firmware/RoboClub.Firmware.Esp32/Profiles/BoardProfiles.cs);
# tests/RoboClub.Firmware.Tests checks that every diagram shows the pins of its profile.
import html
import os
HERE = os.path.dirname(os.path.abspath(__file__))
LEFT = ["EN","VP 36","VN 39","D34","D35","D32","D33","D25","D26","D27","D14","D12","D13","GND","VIN 5V"]
RIGHT = ["D23","D22","TX0 1","RX0 3","D21","D19","D18","D5","TX2 17","RX2 16","D4","D2","D15","GND","3V3"]
def gpio(label):
    t = label.split()
    if label.startswith("D") and label[1:].isdigit(): return int(label[1:])
    if len(t) == 2 and t[1].isdigit(): return int(t[1])
    return None
W, H = 1180, 760
BX, BY, BW = 490, 150, 200
ROW = 28
def pin_pos(label):
    if label in LEFT: i = LEFT.index(label); return (BX, BY + 40 + i*ROW, "L")
    i = RIGHT.index(label); return (BX+BW, BY + 40 + i*ROW, "R")
def find(pinspec):
    if isinstance(pinspec, int):
        for l in LEFT + RIGHT:
            if gpio(l) == pinspec: return l
        raise Exception(pinspec)
    return pinspec
COLORS = {"5V":"#d62728","3V3":"#ff7f0e","GND":"#222222"}
PAL = ["#1f77b4","#2ca02c","#9467bd","#8c564b","#e377c2","#17becf","#bcbd22","#7f7f7f","#1b9e77","#d95f02","#7570b3","#e7298a","#66a61e"]
SHORT = [("Driver", "driver"), ("Senzori linie", "linie"), ("Buton", "buton"), ("HC-SR04", "HC-SR04"), ("Servo", "servo"), ("Buzzer", "buzzer"),
         ("LED", "LED"), ("Senzor BME280", "BME280"), ("Senzor DHT22", "DHT22"), ("Senzor lumină", "lumină"), ("Pluviometru", "ploaie"), ("Anemometru", "vânt")]
def svg(title, subtitle, parts, notes, fname):
    out = []
    out.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="Arial, Helvetica, sans-serif" font-size="13">')
    out.append(f'<rect width="{W}" height="{H}" fill="#ffffff"/>')
    out.append(f'<text x="20" y="30" font-size="20" font-weight="bold">{html.escape(title)}</text>')
    out.append(f'<text x="20" y="52" font-size="13" fill="#444">{html.escape(subtitle)}</text>')
    # board
    bh = 40 + ROW*len(LEFT)
    out.append(f'<rect x="{BX}" y="{BY}" width="{BW}" height="{bh}" rx="8" fill="#1d3557" stroke="#000"/>')
    out.append(f'<text x="{BX+BW/2}" y="{BY+22}" text-anchor="middle" fill="#fff" font-weight="bold">ESP32 DevKit (30 pini)</text>')
    out.append(f'<rect x="{BX+75}" y="{BY+bh-8}" width="50" height="22" fill="#aaa" stroke="#000"/><text x="{BX+100}" y="{BY+bh+30}" text-anchor="middle" fill="#444">USB</text>')
    for i,l in enumerate(LEFT):
        y = BY+40+i*ROW
        out.append(f'<circle cx="{BX}" cy="{y}" r="5" fill="#ffd166" stroke="#000"/><text x="{BX+10}" y="{y+4}" fill="#fff">{html.escape(l)}</text>')
    for i,l in enumerate(RIGHT):
        y = BY+40+i*ROW
        out.append(f'<circle cx="{BX+BW}" cy="{y}" r="5" fill="#ffd166" stroke="#000"/><text x="{BX+BW-10}" y="{y+4}" fill="#fff" text-anchor="end">{html.escape(l)}</text>')
    # parts: each part pin gets a coloured badge naming the board pin; the board pin gets the same
    # colour and the part's name beside it: "follow the colour", no crossing wires.
    ci = 0
    used = {}
    for name, side, py, pins in parts:
        ph = 26 + 22*len(pins)
        px = 30 if side == "L" else W-300
        out.append(f'<rect x="{px}" y="{py}" width="270" height="{ph}" rx="6" fill="#f1faee" stroke="#457b9d" stroke-width="2"/>')
        out.append(f'<text x="{px+135}" y="{py+18}" text-anchor="middle" font-weight="bold">{html.escape(name)}</text>')
        for j,(pp, bp, note) in enumerate(pins):
            y = py + 38 + j*22
            out.append(f'<text x="{px+10}" y="{y+4}">{html.escape(pp)}</text>')
            if bp is None:
                out.append(f'<text x="{px+260}" y="{y+4}" text-anchor="end" fill="#666" font-size="11">{html.escape(note)}</text>')
                continue
            lbl = find(bp)
            key = "GND" if lbl=="GND" else ("5V" if lbl.startswith("VIN") else ("3V3" if lbl=="3V3" else None))
            col = COLORS[key] if key else PAL[ci % len(PAL)]
            if not key:
                ci += 1
                short = next(v for k, v in SHORT if name.startswith(k))
                used[lbl] = (col, short + " " + pp.split(" (")[0].replace(" D0", "").replace(" → pin", ""))
            badge = lbl.split()[0] if not lbl.startswith("VIN") else "VIN 5V"
            out.append(f'<rect x="{px+190}" y="{y-10}" width="70" height="18" rx="9" fill="{col}"/>')
            out.append(f'<text x="{px+225}" y="{y+3}" text-anchor="middle" fill="#fff" font-weight="bold" font-size="12">{html.escape(badge)}</text>')
            if note:
                out.append(f'<text x="{px+185}" y="{y+4}" text-anchor="end" fill="#555" font-size="11">{html.escape(note)}</text>')
    for lbl,(col,text) in used.items():
        bx, by, bs = pin_pos(lbl)
        out.append(f'<circle cx="{bx}" cy="{by}" r="7" fill="{col}" stroke="#000"/>')
        if bs == "L":
            out.append(f'<line x1="{bx-8}" y1="{by}" x2="{bx-20}" y2="{by}" stroke="{col}" stroke-width="3"/>')
            out.append(f'<text x="{bx-24}" y="{by+4}" text-anchor="end" fill="{col}" font-weight="bold" font-size="12">{html.escape(text)}</text>')
        else:
            out.append(f'<line x1="{bx+8}" y1="{by}" x2="{bx+20}" y2="{by}" stroke="{col}" stroke-width="3"/>')
            out.append(f'<text x="{bx+24}" y="{by+4}" fill="{col}" font-weight="bold" font-size="12">{html.escape(text)}</text>')
    ny = H - 20*len(notes) - 10
    for k,n in enumerate(notes):
        out.append(f'<text x="20" y="{ny+k*20}" fill="#333">{html.escape(n)}</text>')
    out.append('</svg>')
    open(fname,"w").write("\n".join(out)+"\n")

def robot(driver):
    tb = driver == "tb6612"
    chip = "TB6612FNG" if tb else "L298N"
    drv = [("PWMA" if tb else "ENA",25,"viteză stânga"),("AIN1" if tb else "IN1",26,""),("AIN2" if tb else "IN2",27,""),
           ("PWMB" if tb else "ENB",14,"viteză dreapta"),("BIN1" if tb else "IN3",13,""),("BIN2" if tb else "IN4",4,"")]
    if tb: drv += [("STBY",33,""),("VCC","3V3",""),("GND","GND","")]
    else: drv += [("GND","GND","și minus baterie"),("(scoate jumperele ENA/ENB)",None,"")]
    parts = [
      (f"Driver motoare {chip}", "L", 80, drv),
      ("Senzori linie (2× TCRT5000)", "L", 400, [("stânga D0",34,""),("dreapta D0",35,""),("VCC (ambii)","3V3",""),("GND (ambii)","GND","")]),
      ("Buton", "L", 560, [("picior 1",32,""),("picior 2","GND","")]),
      ("HC-SR04 ultrasunete", "R", 80, [("Trig",5,""),("Echo",18,"prin 1 kΩ; 2 kΩ la GND"),("VCC","VIN 5V",""),("GND","GND","")]),
      ("Servo SG90", "R", 230, [("portocaliu (semnal)",19,""),("roșu (+5 V)","VIN 5V",""),("maro (GND)","GND","")]),
      ("Buzzer pasiv", "R", 350, [("+",23,""),("−","GND","")]),
      ("LED + rezistor 220 Ω", "R", 440, [("anod (picior lung)",22,"prin 220 Ω"),("catod","GND","")]),
    ]
    notes = [
      f"Motoarele: stânga la {'AO1/AO2' if tb else 'OUT1/OUT2'}, dreapta la {'BO1/BO2' if tb else 'OUT3/OUT4'}. Baterie 4×AA (6 V): plus la {'VM' if tb else '+12V'}, minus la GND.",
      "Toate GND-urile legate împreună (ESP32, driver, baterie, senzori). ESP32 se alimentează prin USB (powerbank).",
      "LED-ul albastru de pe placă (GPIO 2) arată starea: aprins = conectat la hub.",
    ]
    svg(f"Trusa robot cu {chip} (profil robot-{driver})", "Robot kit wiring — ESP32 DevKit V1, 30 pins; pin numbers are GPIO numbers", parts, notes, os.path.join(HERE, f"robot-{driver}.svg"))

def weather(sensor):
    bme = sensor == "bme280"
    s = ("Senzor BME280 (I2C)", "L", 80, [("SDA",21,""),("SCL",22,""),("VIN / VCC","3V3",""),("GND","GND","")]) if bme else \
        ("Senzor DHT22", "L", 80, [("DATA",4,"citire"),("DATA (același fir)",15,"pornire"),("VCC (+)","3V3",""),("GND (−)","GND",""),("10 kΩ între DATA și VCC",None,"(modulele îl au deja)")])
    parts = [
      s,
      ("Senzor lumină (fotorezistor)", "L", 330, [("fotorezistor → pin",36,""),("fotorezistor → 3V3","3V3",""),("10 kΩ de la pin la GND","GND","")]),
      ("Pluviometru (basculă)", "R", 80, [("fir 1",18,"10 kΩ la 3V3, 100 nF la GND"),("fir 2","GND","")]),
      ("Anemometru (cupe)", "R", 200, [("fir 1",19,"10 kΩ la 3V3, 100 nF la GND"),("fir 2","GND","")]),
      ("LED + rezistor 220 Ω", "R", 320, [("anod (picior lung)",23,"prin 220 Ω"),("catod","GND","")]),
    ]
    notes = [
      "Senzorul de lumină merge DOAR pe pinii 32–39 (ADC1): ADC2 nu funcționează cât timp Wi-Fi-ul e pornit.",
      "Fiecare contact (pluviometru, anemometru): 10 kΩ de la pinul său la 3V3 și un condensator de 100 nF de la pin la GND.",
      "LED-ul albastru de pe placă (GPIO 2) arată starea: aprins = conectat la hub.",
    ]
    svg(f"Stația meteo cu {'BME280' if bme else 'DHT22'} (profil weather-{sensor})", "Weather station kit wiring — ESP32 DevKit V1, 30 pins; pin numbers are GPIO numbers", parts, notes, os.path.join(HERE, f"weather-{sensor}.svg"))

robot("tb6612"); robot("l298n"); weather("bme280"); weather("dht22")
