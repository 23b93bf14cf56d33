"""Indonesia's cities and regencies (kota and kabupaten), by the names an address writes them with.

Anonymisation keeps the city of an address and hides what lies below it (``redact``). An address does not always
say which part is the city: "Jl. Mawar No. 2, Medan" has one part after its street, and "Jl. Melati No. 9 Harjosari
Medan" has no commas at all. A name in this list is the city there. A name that is not listed is placed by where it
stands, as before; so the list need not be complete to help, and every name in it is a real city or regency.

The names are folded as ``redact`` matches text (lower case, no accents), with the spellings in common use
("pematang siantar", "pematangsiantar", "siantar").
"""

from __future__ import annotations

# the provinces, as their names begin: an address part naming one is coarse, like the city
PROVINCE_STARTS: tuple[str, ...] = (
    "aceh", "sumatera", "sumatra", "riau", "kepulauan", "jambi", "bengkulu", "lampung", "bangka", "banten", "dki",
    "jakarta", "jawa", "di yogyakarta", "yogyakarta", "bali", "nusa tenggara", "ntt", "ntb", "kalimantan",
    "sulawesi", "gorontalo", "maluku", "papua",
)

_CITIES = """
banda aceh; sabang; langsa; lhokseumawe; subulussalam; aceh besar; aceh utara; aceh timur; aceh tamiang;
aceh barat; aceh barat daya; aceh selatan; aceh singkil; aceh tengah; aceh tenggara; aceh jaya; bener meriah;
bireuen; gayo lues; nagan raya; pidie; pidie jaya; simeulue

medan; binjai; tebing tinggi; tebingtinggi; pematangsiantar; pematang siantar; siantar; tanjungbalai;
tanjung balai; sibolga; padangsidimpuan; padang sidimpuan; padang sidempuan; gunungsitoli; gunung sitoli; asahan;
batubara; batu bara; dairi; deli serdang; humbang hasundutan; karo; labuhanbatu; labuhan batu; labuhanbatu selatan;
labuhanbatu utara; langkat; mandailing natal; nias; nias barat; nias selatan; nias utara; padang lawas;
padang lawas utara; pakpak bharat; samosir; serdang bedagai; simalungun; tapanuli selatan; tapanuli tengah;
tapanuli utara; toba; toba samosir

padang; bukittinggi; padang panjang; payakumbuh; sawahlunto; solok; pariaman; agam; dharmasraya; lima puluh kota;
pasaman; pasaman barat; pesisir selatan; sijunjung; solok selatan; tanah datar; kepulauan mentawai

pekanbaru; dumai; bengkalis; indragiri hilir; indragiri hulu; kampar; kepulauan meranti; kuantan singingi;
pelalawan; rokan hilir; rokan hulu; siak; batam; tanjungpinang; tanjung pinang; bintan; karimun; lingga; natuna;
anambas; kepulauan anambas

jambi; sungai penuh; batanghari; bungo; kerinci; merangin; muaro jambi; sarolangun; tebo; tanjung jabung barat;
tanjung jabung timur

palembang; prabumulih; lubuklinggau; lubuk linggau; pagar alam; pagaralam; banyuasin; empat lawang; lahat;
muara enim; musi banyuasin; musi rawas; musi rawas utara; ogan ilir; ogan komering ilir; ogan komering ulu;
penukal abab lematang ilir

bengkulu; bengkulu selatan; bengkulu tengah; bengkulu utara; kaur; kepahiang; lebong; mukomuko; rejang lebong;
seluma

bandar lampung; metro; lampung barat; lampung selatan; lampung tengah; lampung timur; lampung utara; mesuji;
pesawaran; pesisir barat; pringsewu; tanggamus; tulang bawang; tulang bawang barat; way kanan

pangkalpinang; pangkal pinang; bangka barat; bangka selatan; bangka tengah; belitung; belitung timur

serang; cilegon; tangerang; tangerang selatan; lebak; pandeglang

jakarta; jakarta pusat; jakarta utara; jakarta barat; jakarta selatan; jakarta timur; kepulauan seribu

bandung; bandung barat; bekasi; bogor; cimahi; cirebon; depok; sukabumi; tasikmalaya; banjar; ciamis; cianjur;
garut; indramayu; karawang; kuningan; majalengka; pangandaran; purwakarta; subang; sumedang

semarang; surakarta; solo; salatiga; magelang; pekalongan; tegal; banjarnegara; banyumas; batang; blora;
boyolali; brebes; cilacap; demak; grobogan; jepara; karanganyar; kebumen; kendal; klaten; kudus; pati;
pemalang; purbalingga; purworejo; rembang; sragen; sukoharjo; temanggung; wonogiri; wonosobo

yogyakarta; jogja; jogjakarta; bantul; gunungkidul; gunung kidul; kulon progo; sleman

surabaya; malang; batu; blitar; kediri; madiun; mojokerto; pasuruan; probolinggo; bangkalan; banyuwangi;
bojonegoro; bondowoso; gresik; jember; jombang; lamongan; lumajang; magetan; nganjuk; ngawi; pacitan; pamekasan;
ponorogo; sampang; sidoarjo; situbondo; sumenep; trenggalek; tuban; tulungagung

denpasar; badung; bangli; buleleng; gianyar; jembrana; karangasem; klungkung; tabanan

mataram; bima; dompu; lombok barat; lombok tengah; lombok timur; lombok utara; sumbawa; sumbawa barat

kupang; alor; belu; ende; flores timur; lembata; malaka; manggarai; manggarai barat; manggarai timur; nagekeo;
ngada; rote ndao; sabu raijua; sikka; sumba barat; sumba barat daya; sumba tengah; sumba timur;
timor tengah selatan; timor tengah utara

pontianak; singkawang; bengkayang; kapuas hulu; kayong utara; ketapang; kubu raya; landak; melawi; mempawah;
sambas; sanggau; sekadau; sintang

palangka raya; palangkaraya; barito selatan; barito timur; barito utara; gunung mas; kapuas; katingan;
kotawaringin barat; kotawaringin timur; lamandau; murung raya; pulang pisau; seruyan; sukamara

banjarmasin; banjarbaru; balangan; barito kuala; hulu sungai selatan; hulu sungai tengah; hulu sungai utara;
kotabaru; tabalong; tanah bumbu; tanah laut; tapin

samarinda; balikpapan; bontang; berau; kutai barat; kutai kartanegara; kutai timur; mahakam ulu; paser;
penajam paser utara; tarakan; bulungan; malinau; nunukan; tana tidung

manado; bitung; tomohon; kotamobagu; minahasa; minahasa selatan; minahasa tenggara; minahasa utara;
bolaang mongondow; kepulauan sangihe; kepulauan talaud

gorontalo; boalemo; bone bolango; pohuwato; gorontalo utara

palu; banggai; buol; donggala; morowali; parigi moutong; poso; sigi; tojo una-una; tolitoli

makassar; parepare; palopo; bantaeng; barru; bone; bulukumba; enrekang; gowa; jeneponto; luwu; luwu timur;
luwu utara; maros; pangkajene kepulauan; pinrang; selayar; sidenreng rappang; sinjai; soppeng; takalar;
tana toraja; toraja utara; wajo; kepulauan selayar

kendari; baubau; bau-bau; bombana; buton; kolaka; konawe; muna; wakatobi

mamuju; majene; polewali mandar; mamasa; pasangkayu

ambon; tual; buru; maluku tengah; maluku tenggara; seram bagian barat; seram bagian timur; ternate;
tidore kepulauan; tidore; halmahera barat; halmahera selatan; halmahera tengah; halmahera timur; halmahera utara;
kepulauan sula; pulau morotai

jayapura; merauke; mimika; nabire; biak numfor; sorong; manokwari; fakfak; kaimana; raja ampat; jayawijaya
"""

CITIES: frozenset[str] = frozenset(" ".join(name.split()) for name in _CITIES.replace("\n", ";").split(";")
                                   if name.strip())
